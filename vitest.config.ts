import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server for the run (TEST_DATABASE_URL, or an embedded one): test/storage/testPostgres.ts.
    globalSetup: ['test/globalSetup/postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
