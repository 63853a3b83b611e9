/**
 * Dates as sortable integers for indexes and overlap queries:
 * year*10000 + month*100 + day, monotone over negative years too.
 * EDTF values are read with src/core/edtf.ts.
 */
import { edtfBounds } from '../core/edtf.js';

/** Day key of an ISO calendar date "YYYY-MM-DD" (years may be negative or longer), or null. */
export function isoDayKey(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(-?\d{1,6})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? parseInt(m[1], 10) * 10000 + parseInt(m[2], 10) * 100 + parseInt(m[3], 10) : null;
}

/** Day keys of the earliest and latest day an EDTF value may denote; throws E020 when unreadable. */
export function edtfDayKeys(value: string): { lo: number; hi: number } {
  const b = edtfBounds(value);
  return { lo: isoDayKey(b.earliest)!, hi: isoDayKey(b.latest)! };
}
