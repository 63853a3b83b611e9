/**
 * The corrections of a store, wherever the store lives: the SQLite file or
 * the PostgreSQL database named by the same location as the store.
 */
import { isPostgresUrl } from '../store/postgres/connect.js';
import { createMemoryCorrectionStore, type CorrectionStore } from './corrections.js';
import { createSqliteCorrectionStore } from './corrections-sqlite.js';

export type ClosableCorrectionStore = CorrectionStore & { close(): void | Promise<void> };

export async function openCorrectionStore(location: string): Promise<ClosableCorrectionStore> {
  if (location === ':memory:') return { ...createMemoryCorrectionStore(), close() {} };
  if (isPostgresUrl(location)) {
    const { openPostgresCorrectionStore } = await import('./corrections-postgres.js');
    return openPostgresCorrectionStore(location);
  }
  return createSqliteCorrectionStore(location);
}
