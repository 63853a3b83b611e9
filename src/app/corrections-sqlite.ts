/**
 * Corrections kept in the SQLite store file (table `corrections`, created by
 * migration 2 in src/store/sqlite/). This opens its own connection to the
 * file, so the store's driver stays unaware of corrections; SQLite's WAL mode
 * lets both work on one file. Every statement is parameterised.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AnnalsError } from '../core/errors.js';
import type { Correction, CorrectionKind, CorrectionPayload, CorrectionStore, NewCorrection } from './corrections.js';

interface Row {
  id: string;
  kind: string;
  event_id: string | null;
  doc_id: string | null;
  evidence_start_utf16: number | null;
  evidence_end_utf16: number | null;
  evidence_text: string | null;
  machine_code: string | null;
  fingerprint: string | null;
  payload: string;
  note: string | null;
  author: string | null;
  created_at: string;
}

function fromRow(r: Row): Correction {
  return {
    id: r.id,
    kind: r.kind as CorrectionKind,
    anchor:
      r.event_id !== null && r.doc_id !== null
        ? {
            eventId: r.event_id,
            docId: r.doc_id,
            evidenceStart: r.evidence_start_utf16 ?? 0,
            evidenceEnd: r.evidence_end_utf16 ?? 0,
            evidenceText: r.evidence_text ?? '',
            code: r.machine_code ?? '',
            ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}),
          }
        : null,
    payload: JSON.parse(r.payload) as CorrectionPayload,
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
  };
}

/** Corrections in the store at `path` (a file; the store must be migrated). */
export function createSqliteCorrectionStore(path: string, now: () => Date = () => new Date()): CorrectionStore & { close(): void } {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new AnnalsError('E002', `cannot open the store for corrections: ${(e as Error).message}`, path);
  }
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get();
  if (!table) {
    db.close();
    throw new AnnalsError('E011', 'the store has no corrections table: open it with this version of annals once to upgrade it', path);
  }
  const insert = db.prepare(
    `INSERT INTO corrections (id, kind, event_id, doc_id, evidence_start_utf16, evidence_end_utf16, evidence_text, machine_code, fingerprint, payload, note, author, created_at)
     VALUES (@id, @kind, @event_id, @doc_id, @evidence_start_utf16, @evidence_end_utf16, @evidence_text, @machine_code, @fingerprint, @payload, @note, @author, @created_at)`,
  );
  const all = db.prepare('SELECT * FROM corrections ORDER BY created_at, id');
  const remove = db.prepare('DELETE FROM corrections WHERE id = ?');
  const one = db.prepare('SELECT * FROM corrections WHERE id = ?');

  return {
    async addCorrection(c: NewCorrection) {
      const row: Row = {
        id: randomUUID(),
        kind: c.kind,
        event_id: c.anchor?.eventId ?? null,
        doc_id: c.anchor?.docId ?? null,
        evidence_start_utf16: c.anchor?.evidenceStart ?? null,
        evidence_end_utf16: c.anchor?.evidenceEnd ?? null,
        evidence_text: c.anchor?.evidenceText ?? null,
        machine_code: c.anchor?.code ?? null,
        fingerprint: c.anchor?.fingerprint ?? null,
        payload: JSON.stringify(c.payload),
        note: c.note ?? null,
        author: c.author ?? null,
        created_at: now().toISOString(),
      };
      insert.run(row);
      return fromRow(one.get(row.id) as Row);
    },
    async listCorrections() {
      return (all.all() as Row[]).map(fromRow);
    },
    async removeCorrection(id: string) {
      return remove.run(id).changes > 0;
    },
    close() {
      db.close();
    },
  };
}
