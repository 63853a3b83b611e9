/**
 * Corrections kept in a PostgreSQL store (table `corrections` of the store's
 * schema, created by its migration 2, the same columns as in SQLite). Every
 * statement is parameterised.
 */
import { randomUUID } from 'node:crypto';
import { AnnalsError } from '../core/errors.js';
import { createPool, parsePgLocation, redactUrl } from '../store/postgres/connect.js';
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

const COLUMNS = ['id', 'kind', 'event_id', 'doc_id', 'evidence_start_utf16', 'evidence_end_utf16', 'evidence_text', 'machine_code', 'fingerprint', 'payload', 'note', 'author', 'created_at'] as const;

/** Corrections in the PostgreSQL store at `url` (its `schema` parameter honoured; the store must be migrated). */
export async function openPostgresCorrectionStore(url: string, now: () => Date = () => new Date()): Promise<CorrectionStore & { close(): Promise<void> }> {
  const location = parsePgLocation(url);
  const pool = createPool(location, 2);
  try {
    const { rows } = await pool.query('SELECT to_regclass($1) AS t', [`${location.schema}.corrections`]);
    if (!rows[0]?.t) throw new AnnalsError('E011', 'the store has no corrections table: open it with this version of annals once to upgrade it', redactUrl(url));
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof AnnalsError) throw e;
    throw new AnnalsError('E002', `cannot open the store for corrections: ${(e as Error).message}`, redactUrl(url));
  }
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
      await pool.query(
        `INSERT INTO corrections (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
        COLUMNS.map((k) => row[k]),
      );
      return fromRow(row);
    },
    async listCorrections() {
      const { rows } = await pool.query(`SELECT ${COLUMNS.join(', ')} FROM corrections ORDER BY created_at, id`);
      return (rows as Row[]).map(fromRow);
    },
    async removeCorrection(id: string) {
      const r = await pool.query('DELETE FROM corrections WHERE id = $1', [id]);
      return (r.rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}
