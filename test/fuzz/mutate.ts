/**
 * Mutations for the fuzz test: byte-level (flip, insert, delete, duplicate,
 * truncate, splice), token-level (hostile snippets dropped in: entity
 * declarations, deep nesting, BOMs, NULs, magic numbers, huge numbers) and
 * structure-aware (a DOCX's XML part mutated and re-zipped; a PDF's content
 * stream mutated in place). Deterministic for a given seed.
 */
import { createRandom } from '../../src/core/random.ts';
import { docxParts, epubParts, makeZip, makePdf, type DocxInput, type EpubInput, type PdfInput, type ZipInput } from '../fixtures/binary/build.js';

/** Small fast PRNG (mulberry32), shared with the benchmark's corpus generator. */
export const rng = createRandom;

export type Rand = () => number;

const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Snippets that have broken parsers before. */
export const HOSTILE: readonly string[] = [
  '<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY % p "x">',
  '&b;&x;&#0;&#xD800;&#99999999;&unknown;',
  '<div>'.repeat(300),
  '</p></div></body></html>'.repeat(5),
  '<![CDATA[',
  '<!--',
  '<script>',
  '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
  '<note n="1" place="foot">',
  '<ref target="#n1">',
  '\uFEFF',
  '\u0000\u0000\u0000',
  '\u00ad\u200b\u202e\ud800\udfff',
  '𝔄𝔅 🇦🇱 ë ç',
  '\r\n\r\r\n',
  '%PDF-1.7\n',
  'PK\u0003\u0004',
  '9'.repeat(400),
  '[1][ii][*]^1',
  '# ',
  '```\n',
  '> > > > > > > > > >',
  '* * * * * * * * * *',
  '1970-13-45 31 February 1978 in the spring of 197',
  'stream\nendstream\nendobj\n',
  'xref\n0 99999999\n',
  '/Length -1',
  '<< /Type /Pages /Kids [2 0 R] /Count 2 >>',
  'trailer << /Root 1 0 R /Prev 0 >>\nstartxref\n0\n%%EOF',
];

export function mutateBytes(input: Uint8Array, r: Rand): Uint8Array {
  let b: Uint8Array = Uint8Array.from(input);
  const steps = 1 + int(r, 4);
  for (let s = 0; s < steps; s++) {
    const op = int(r, 8);
    const at = b.length ? int(r, b.length) : 0;
    switch (op) {
      case 0: // flip bits
        for (let k = 0; k < 1 + int(r, 16) && b.length; k++) b[int(r, b.length)]! ^= 1 << int(r, 8);
        break;
      case 1: {
        // random bytes
        const n = 1 + int(r, 64);
        const ins = Uint8Array.from({ length: n }, () => int(r, 256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 2: // delete a range
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 256))));
        break;
      case 3: {
        // duplicate a range
        const end = Math.min(b.length, at + 1 + int(r, 512));
        const times = 1 + int(r, 8);
        const chunk = b.subarray(at, end);
        b = concat(b.subarray(0, end), ...Array.from({ length: times }, () => chunk), b.subarray(end));
        break;
      }
      case 4: // truncate
        b = b.subarray(0, at);
        break;
      case 5: // hostile token
      case 6: {
        const tok = Buffer.from(pick(r, HOSTILE), 'utf8');
        b = concat(b.subarray(0, at), tok, b.subarray(at));
        break;
      }
      case 7: // set a run of bytes to one interesting value
        b.fill(pick(r, [0, 0xff, 0x0a, 0x3c, 0x80, 0x20]), at, Math.min(b.length, at + 1 + int(r, 32)));
        break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splice the head of one input onto the tail of another. */
export function splice(a: Uint8Array, b: Uint8Array, r: Rand): Uint8Array {
  return concat(a.subarray(0, int(r, a.length + 1)), b.subarray(int(r, b.length + 1)));
}

/** Mutate one part of a zip container as text (kept valid UTF-8) and re-zip it; sometimes rename or drop a part. */
export function mutateZipParts(parts: ZipInput[], r: Rand): Uint8Array {
  const i = int(r, parts.length);
  const part = parts[i]!;
  const text = typeof part.data === 'string' ? part.data : Buffer.from(part.data).toString('utf8');
  const mutated = Buffer.from(mutateBytes(Buffer.from(text, 'utf8'), r)).toString('utf8');
  parts[i] = { name: r() < 0.05 ? part.name + 'x' : part.name, data: mutated, store: part.store };
  if (r() < 0.1) parts.splice(int(r, parts.length), 1);
  return makeZip(parts);
}

/** Mutate one XML part of a DOCX and re-zip it. */
export function mutateDocx(input: DocxInput, r: Rand): Uint8Array {
  return mutateZipParts(docxParts(input), r);
}

/** Mutate one part of an EPUB (a chapter, the package, the container) and re-zip it. */
export function mutateEpub(input: EpubInput, r: Rand): Uint8Array {
  return mutateZipParts(epubParts(input), r);
}

/** Mutate a PDF built from lines: either the lines (then rebuilt) or the file's bytes. */
export function mutatePdf(input: PdfInput, r: Rand): Uint8Array {
  if (r() < 0.5) {
    const pages = input.pages.map((lines) =>
      lines.map((l) => ({ ...l, text: Buffer.from(mutateBytes(Buffer.from(l.text, 'latin1'), r)).toString('latin1') })),
    );
    if (r() < 0.2) pages.push(...pages.slice(0, 1 + int(r, pages.length)));
    return makePdf({ ...input, pages });
  }
  return mutateBytes(makePdf(input), r);
}

export { int, pick };
