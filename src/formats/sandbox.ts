/**
 * Runs the parsers of binary formats (pdf.js for PDF, mammoth for DOCX) in a
 * worker thread so that a hostile file cannot hang or exhaust the process:
 * each job has a time limit (the worker is terminated when it is exceeded)
 * and a heap limit (the worker dies alone when it is exceeded). One worker is
 * kept for successive files and replaced after a failure. What comes back is
 * raw material (positioned text runs, simple HTML); layout is done by the
 * readers (pdf.ts, docx.ts) in pure functions.
 */
import { fileURLToPath } from 'node:url';
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
let mammoth;
async function docx(job) {
  mammoth ??= (await import(job.moduleUrl)).default;
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength) },
    {
      styleMap: job.styleMap,
      includeDefaultStyleMap: true,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  parentPort.postMessage({ ok: true, html: result.value });
}
parentPort.on('message', async (job) => {
  try {
    if (job.kind === 'docx') return await docx(job);
    pdfjs ??= await import(job.moduleUrl);
    const task = pdfjs.getDocument({
      data: job.data,
      isEvalSupported: false,
      // CMaps for CJK text in non-embedded CID fonts; standard font metrics.
      cMapUrl: job.cMapDir,
      cMapPacked: true,
      standardFontDataUrl: job.fontDir,
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
    let total = 0;
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
        total += it.str.length + 1;
      }
      if (total > job.maxChars) {
        parentPort.postMessage({ ok: false, kind: 'text', message: String(job.maxChars) });
        await task.destroy();
        return;
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

const MODULES = { pdf: 'pdfjs-dist/legacy/build/pdf.mjs', docx: 'mammoth' } as const;
const moduleUrls = new Map<string, string>();
function moduleUrl(kind: keyof typeof MODULES): string {
  let url = moduleUrls.get(kind);
  if (!url) {
    url = import.meta.resolve(MODULES[kind]);
    moduleUrls.set(kind, url);
  }
  return url;
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

/** Extract positioned text from every page of a PDF, within the time, page and heap limits. */
export function extractPdf(bytes: Uint8Array, uri: string, limits: Limits): Promise<PdfRaw> {
  return enqueue(() =>
    runJob<PdfRaw>('PDF', { kind: 'pdf', maxPages: limits.pdfMaxPages, maxChars: limits.maxTextChars, moduleUrl: moduleUrl('pdf'), ...pdfDataDirs() }, bytes, uri, limits, (m) => ({
      pages: (m.pages as PdfPage[]) ?? [],
      title: (m.title as string | null) ?? null,
      author: (m.author as string | null) ?? null,
    })),
  );
}

/** Convert a DOCX to simple HTML with mammoth, within the time and heap limits. */
export function docxToHtml(bytes: Uint8Array, uri: string, limits: Limits, styleMap: string[]): Promise<string> {
  return enqueue(() =>
    runJob<string>('Word document', { kind: 'docx', styleMap, moduleUrl: moduleUrl('docx') }, bytes, uri, limits, (m) => String(m.html ?? '')),
  );
}

/** pdf.js's data folders (file paths ending in "/"), beside its build. */
function pdfDataDirs(): { cMapDir: string; fontDir: string } {
  const root = new URL('../../', moduleUrl('pdf'));
  return { cMapDir: fileURLToPath(new URL('cmaps/', root)), fontDir: fileURLToPath(new URL('standard_fonts/', root)) };
}

function enqueue<T>(run: () => Promise<T>): Promise<T> {
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

type Reply = { ok: boolean; kind?: string; message?: string } & Record<string, unknown>;

function runJob<T>(
  what: string,
  job: Record<string, unknown>,
  bytes: Uint8Array,
  uri: string,
  limits: Limits,
  take: (m: Reply) => T,
): Promise<T> {
  const worker = getWorker(limits.readerMemoryMb);
  const data = new Uint8Array(bytes); // a copy the worker may own
  return new Promise<T>((resolve, reject) => {
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
        reject(new AnnalsError('E005', `${what} could not be read within ${limits.readerTimeoutMs} ms (set ANNALS_READER_TIMEOUT_MS to allow more)`, uri));
      });
    }, limits.readerTimeoutMs);
    const onMessage = (msg: Reply) => {
      finish(() => {
        if (msg.ok) resolve(take(msg));
        else reject(jobError(what, msg.kind ?? 'Error', msg.message ?? '', uri, limits));
      });
    };
    const onError = (e: Error & { code?: string }) => {
      finish(() => {
        discard(worker);
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new AnnalsError('E006', `${what} needs more than ${limits.readerMemoryMb} MiB of memory to read; refused`, uri));
        } else {
          reject(new AnnalsError('E005', `${what} reader failed: ${e.message}`, uri));
        }
      });
    };
    const onExit = (code: number) => {
      finish(() => reject(new AnnalsError('E005', `${what} reader stopped unexpectedly (exit ${code})`, uri)));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ ...job, data }, [data.buffer]);
  });
}

function jobError(what: string, kind: string, message: string, uri: string, limits: Limits): AnnalsError {
  if (kind === 'text') {
    return new AnnalsError('E007', `PDF text is too long: more than ${message} characters (set ANNALS_MAX_TEXT_CHARS to change it)`, uri);
  }
  if (kind === 'pages') {
    return new AnnalsError('E006', `PDF has ${message} pages, the limit is ${limits.pdfMaxPages} (set ANNALS_PDF_MAX_PAGES to change it)`, uri);
  }
  if (kind === 'PasswordException') return new AnnalsError('E005', 'PDF is protected by a password', uri);
  if (kind === 'InvalidPDFException') return new AnnalsError('E005', `PDF is malformed: ${message}`, uri);
  return new AnnalsError('E005', `${what} is malformed: ${message.split('\n')[0]!.slice(0, 200)}`, uri);
}

/** Stop the worker now (tests and short-lived commands may call this; it is also unref'd). */
export async function closeReaderWorker(): Promise<void> {
  const s = slot;
  slot = null;
  if (s) await s.worker.terminate();
}
