/**
 * A corpus for the crash test: documents about dated relations between
 * states in every format annals reads, different from one another.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { makeDocx, makePdf } from '../fixtures/binary/build.js';

const PAIRS = [
  ['Albania', 'China'],
  ['France', 'Germany'],
  ['Egypt', 'Israel'],
  ['Yugoslavia', 'the Soviet Union'],
  ['Greece', 'Turkey'],
  ['Japan', 'the United States'],
];
const VERBS = ['signed a trade agreement with', 'protested to', 'sent a delegation to', 'broke off relations with', 'criticized', 'promised aid to'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

/** Sentences about dated relations, different for each document. */
function sentences(i: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < 6; k++) {
    const [a, b] = PAIRS[(i + k) % PAIRS.length]!;
    out.push(`On ${1 + ((i * 7 + k) % 27)} ${MONTHS[(i + k) % 6]} ${1950 + ((i * 3 + k) % 60)}, ${a} ${VERBS[(i + 2 * k) % VERBS.length]} ${b}.`);
  }
  return out;
}

/** A corpus of `n` documents in turn as text, Markdown, HTML, PDF, DOCX and Windows-1252 text, plus one unreadable file. */
export function writeCorpus(dir: string, n: number): number {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const s = sentences(i);
    const title = `Report ${i} on relations between states`;
    const name = `doc-${String(i).padStart(3, '0')}`;
    switch (i % 6) {
      case 0:
        writeFileSync(join(dir, `${name}.txt`), `${title}\n\n${s.slice(0, 3).join(' ')}\n\n${s.slice(3).join(' ')}\n`);
        break;
      case 1:
        writeFileSync(join(dir, `${name}.md`), `# ${title}\n\n${s.slice(0, 3).join(' ')}\n\n- ${s[3]}\n- ${s[4]}\n\n> ${s[5]}\n`);
        break;
      case 2:
        writeFileSync(
          join(dir, `${name}.html`),
          `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${s.map((x) => `<p>${x}</p>`).join('')}</article></body></html>`,
        );
        break;
      case 3:
        writeFileSync(
          join(dir, `${name}.pdf`),
          makePdf({ title, pages: [[{ text: title, size: 14 }, ...s.slice(0, 3).map((text) => ({ text }))], s.slice(3).map((text) => ({ text }))] }),
        );
        break;
      case 4:
        writeFileSync(join(dir, `${name}.docx`), makeDocx({ title, paragraphs: [{ heading: 1, text: title }, ...s.map((text) => ({ text }))] }));
        break;
      default:
        writeFileSync(join(dir, `${name}.txt`), iconv.encode(`${title} — Zëri\n\n${s.join(' ')}\n`, 'windows-1252'));
    }
  }
  writeFileSync(join(dir, 'broken.pdf'), Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >>\n'));
  return n;
}

