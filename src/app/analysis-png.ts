/**
 * PNG from an SVG chart, rendered by resvg (a Rust SVG renderer shipped as an
 * npm package with prebuilt binaries), with the system's fonts. Loaded only
 * when a PNG is asked for.
 */
import { AnnalsError } from '../core/errors.js';

export async function svgToPng(svg: string, options: { scale?: number } = {}): Promise<Buffer> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch (e) {
    throw new AnnalsError('E020', `PNG output needs @resvg/resvg-js, which cannot be loaded here: ${(e as Error).message}`, '--png');
  }
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return r.render().asPng();
}
