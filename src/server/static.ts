/**
 * Static files of the web UI: the files of one folder (src/web by default),
 * by plain file name only, and a fixed list of browser libraries from
 * node_modules. No part of a request path is joined to a file-system path
 * unless it is a bare file name checked against a strict pattern, and the
 * resolved path is checked to lie inside the folder.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { AnnalsError } from '../core/errors.js';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/** Browser libraries served under /vendor/, by name. */
export const VENDOR_FILES: Record<string, string> = {
  'vis-timeline.js': 'vis-timeline/standalone/umd/vis-timeline-graph2d.min.js',
  'vis-timeline.css': 'vis-timeline/styles/vis-timeline-graph2d.min.css',
  'uplot.js': 'uplot/dist/uPlot.iife.min.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
  'cytoscape.js': 'cytoscape/dist/cytoscape.min.js',
};

/**
 * vis-timeline's standalone build injects its CSS as inline <style> elements,
 * which the strict CSP blocks (the same CSS is served as vis-timeline.css).
 * To keep the console free of blocked-style reports, the injector's guard is
 * turned off when the file is served. The snippet is checked at serve time;
 * if a new version changes it, the file is served unchanged.
 */
export const VENDOR_PATCHES: Record<string, Array<[string, string]>> = {
  'vis-timeline.js': [['function b(t,e){void 0===e&&(e={});var i=e.insertAt;if(t&&"undefined"!=typeof document){', 'function b(t,e){void 0===e&&(e={});var i=e.insertAt;if(!1){']],
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,80}\.(html|js|css|svg|png)$/;

export interface StaticFile {
  body: Uint8Array;
  type: string;
}

export function createStaticFiles(webRoot: string = DEFAULT_WEB_ROOT, cache = true) {
  const root = path.resolve(webRoot);
  const memo = new Map<string, StaticFile>();

  async function load(abs: string, patches: Array<[string, string]> = []): Promise<StaticFile> {
    const hit = cache ? memo.get(abs) : undefined;
    if (hit) return hit;
    let body: Buffer;
    try {
      body = await readFile(abs);
    } catch {
      throw new AnnalsError('E021', 'no such file');
    }
    if (patches.length) {
      let text = body.toString('utf8');
      for (const [from, to] of patches) if (text.split(from).length === 2) text = text.replace(from, to);
      body = Buffer.from(text, 'utf8');
    }
    const f = { body: new Uint8Array(body), type: TYPES[path.extname(abs)] ?? 'application/octet-stream' };
    if (cache) memo.set(abs, f);
    return f;
  }

  return {
    /** A file of the UI folder by bare name ("app.js"); anything else is not found. */
    async web(name: string): Promise<StaticFile> {
      if (!FILE_NAME.test(name)) throw new AnnalsError('E021', 'no such file');
      const abs = path.resolve(root, name);
      if (path.dirname(abs) !== root) throw new AnnalsError('E021', 'no such file');
      return load(abs);
    },
    /** A library from the fixed list. */
    async vendor(name: string): Promise<StaticFile> {
      const rel = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
      if (!rel) throw new AnnalsError('E021', 'no such file');
      return load(path.join(NODE_MODULES, rel), VENDOR_PATCHES[name]);
    },
  };
}
