import { openSqliteStore } from './sqliteStore.ts';
import type { Store } from './store.ts';

/** Picks the implementation from DATABASE_URL: `sqlite:<path>` (or a bare path) today. */
export function openStore(databaseUrl: string): Store {
  if (/^postgres(ql)?:/.test(databaseUrl)) {
    throw new Error('DATABASE_URL: PostgreSQL is not supported yet; use sqlite:<path>');
  }
  const path = databaseUrl.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  return openSqliteStore(path);
}
