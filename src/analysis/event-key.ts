/**
 * Stable keys for events, so that a user's decision about an event (split it
 * from a merged event, merge it with another) can be found again after the
 * documents are ingested anew. The event id is deterministic (document hash,
 * evidence span, code, dyad, date); the fingerprint survives a re-coding that
 * moves the span or refines the code, as long as the document, the evidence
 * words, the CAMEO root and the dyad's countries stay.
 */
import type { CodedEvent } from '../core/types.js';

export interface EventKey {
  id: string;
  fingerprint: string;
}

/** 53-bit FNV-1a hash as 14 hex digits: deterministic and dependency-free. */
export function hash53(s: string): string {
  let h1 = 0x811c9dc5 >>> 0;
  let h2 = 0x01000193 >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return ((h2 & 0x1fffff).toString(16).padStart(6, '0') + h1.toString(16).padStart(8, '0'));
}

export function normaliseEvidence(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fingerprint(e: CodedEvent): string {
  const src = e.source?.country ?? e.source?.id ?? '-';
  const tgt = e.target?.country ?? e.target?.id ?? '-';
  return [e.docId, hash53(normaliseEvidence(e.evidenceText)), e.root, src, tgt, e.date?.value ?? '-'].join('|');
}

export function eventKey(e: CodedEvent): EventKey {
  return { id: e.id, fingerprint: fingerprint(e) };
}
