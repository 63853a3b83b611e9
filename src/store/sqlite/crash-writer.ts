/**
 * Test helper for the crash test: saves sample documents doc0..doc{N-1} into
 * the store at argv[2], printing each index after its transaction commits.
 *   node --import tsx src/store/sqlite/crash-writer.ts STORE N
 */
import { openSqliteStore } from './sqlite-store.js';
import { sampleDocument } from '../contract.js';

const [path, count] = process.argv.slice(2);
const store = await openSqliteStore(path);
for (let i = 0; i < Number(count); i++) {
  const { doc, ann, entities } = sampleDocument(`doc${i}`);
  const outcome = await store.saveDocument(doc, ann, entities);
  process.stdout.write(`${i} ${outcome}\n`);
}
await store.close();
