/**
 * Runs pdf.js in a worker thread so that a hostile PDF cannot hang or exhaust
 * the process: each extraction has a time limit (the worker is terminated when
 * it is exceeded) and a heap limit (the worker dies alone when it is
 * exceeded). One worker is kept for successive files and replaced after a
 * failure. What comes back is raw positioned text; layout is done by pdf.ts.
 */
import { Worker } from 'node:worker_threads';
import { AnnalsError } from '../core/errors.js';
import type { Limits } from './limits.js';

/** One run of text as pdf.js places it on the page (PDF points, origin bottom left). */
export interface PdfItem {
  s: string;
  x: number;
  y: number;
  w: number;
  /** Font size in points. */
  size: number;
  /** pdf.js saw a line break after this item. */
  eol: boolean;
}

export interface PdfPage {
  items: PdfItem[];
  width: number;
  height: number;
}

export interface PdfRaw {
  pages: PdfPage[];
  title: string | null;
  author: string | null;
}

/** The worker's code: plain JavaScript, so it runs whatever loader the parent uses. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let pdfjs;
parentPort.on('message', async (job) => {
  try {
    pdfjs ??= await import(job.pdfjsUrl);
    const task = pdfjs.getDocument({
      data: job.data,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const doc = await task.promise;
    if (doc.numPages > job.maxPages) {
      parentPort.postMessage({ ok: false, kind: 'pages', message: String(doc.numPages) });
      await task.destroy();
      return;
    }
    let title = null, author = null;
    try {
      const meta = await doc.getMetadata();
      const info = meta && meta.info ? meta.info : {};
      if (typeof info.Title === 'string') title = info.Title;
      if (typeof info.Author === 'string') author = info.Author;
    } catch {}
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const view = page.view || [0, 0, 612, 792];
      const tc = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      const items = [];
      for (const it of tc.items) {
        if (typeof it.str !== 'string') continue;
        const t = it.transform || [1, 0, 0, 1, 0, 0];
        const size = Math.hypot(t[2], t[3]) || it.height || 0;
        items.push({ s: it.str, x: t[4], y: t[5], w: it.width || 0, size, eol: !!it.hasEOL });
      }
      pages.push({ items, width: view[2] - view[0], height: view[3] - view[1] });
      page.cleanup();
    }
    await task.destroy();
    parentPort.postMessage({ ok: true, pages, title, author });
  } catch (e) {
    parentPort.postMessage({ ok: false, kind: e && e.name ? e.name : 'Error', message: String(e && e.message ? e.message : e) });
  }
});
`;

let pdfjsUrl: string | null = null;
function resolvePdfjs(): string {
  pdfjsUrl ??= import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsUrl;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
}

let slot: Slot | null = null;
/** Jobs run one after another on the one worker. */
let queue: Promise<unknown> = Promise.resolve();

function getWorker(memoryMb: number): Worker {
  if (slot && slot.memoryMb === memoryMb) return slot.worker;
  if (slot) void slot.worker.terminate();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  slot = { worker, memoryMb };
  worker.on('exit', () => {
    if (slot?.worker === worker) slot = null;
  });
  return worker;
}

function discard(worker: Worker): void {
  if (slot?.worker === worker) slot = null;
  void worker.terminate();
}

/** Extract positioned text from every page, within the time, page and heap limits. */
export function extractPdf(bytes: Uint8Array, uri: string, limits: Limits): Promise<PdfRaw> {
  const run = () => runJob(bytes, uri, limits);
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

function runJob(bytes: Uint8Array, uri: string, limits: Limits): Promise<PdfRaw> {
  const worker = getWorker(limits.pdfMemoryMb);
  const data = new Uint8Array(bytes); // a copy the worker may own
  return new Promise<PdfRaw>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      fn();
    };
    const timer = setTimeout(() => {
      finish(() => {
        discard(worker);
        reject(new AnnalsError('E005', `PDF could not be read within ${limits.pdfTimeoutMs} ms (set ANNALS_PDF_TIMEOUT_MS to allow more)`, uri));
      });
    }, limits.pdfTimeoutMs);
    const onMessage = (msg: { ok: boolean; kind?: string; message?: string } & Partial<PdfRaw>) => {
      finish(() => {
        if (msg.ok) resolve({ pages: msg.pages ?? [], title: msg.title ?? null, author: msg.author ?? null });
        else reject(jobError(msg.kind ?? 'Error', msg.message ?? '', uri, limits));
      });
    };
    const onError = (e: Error & { code?: string }) => {
      finish(() => {
        discard(worker);
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new AnnalsError('E006', `PDF needs more than ${limits.pdfMemoryMb} MiB of memory to read; refused`, uri));
        } else {
          reject(new AnnalsError('E005', `PDF reader failed: ${e.message}`, uri));
        }
      });
    };
    const onExit = (code: number) => {
      finish(() => reject(new AnnalsError('E005', `PDF reader stopped unexpectedly (exit ${code})`, uri)));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ data, maxPages: limits.pdfMaxPages, pdfjsUrl: resolvePdfjs() }, [data.buffer]);
  });
}

function jobError(kind: string, message: string, uri: string, limits: Limits): AnnalsError {
  if (kind === 'pages') {
    return new AnnalsError('E006', `PDF has ${message} pages, the limit is ${limits.pdfMaxPages} (set ANNALS_PDF_MAX_PAGES to change it)`, uri);
  }
  if (kind === 'PasswordException') return new AnnalsError('E005', 'PDF is protected by a password', uri);
  if (kind === 'InvalidPDFException') return new AnnalsError('E005', `PDF is malformed: ${message}`, uri);
  return new AnnalsError('E005', `PDF could not be read: ${message.slice(0, 200)}`, uri);
}

/** Stop the worker now (tests and short-lived commands may call this; it is also unref'd). */
export async function closePdfWorker(): Promise<void> {
  const s = slot;
  slot = null;
  if (s) await s.worker.terminate();
}
