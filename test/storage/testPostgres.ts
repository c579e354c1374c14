// The PostgreSQL server of this vitest run (test/globalSetup/postgres.ts), and a database of its own
// for each caller: test files run in parallel forks, and each must start from an empty schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The server's URL, as given (TEST_DATABASE_URL) or as started; connects to its admin database. */
export function postgresServerUrl(): string {
  return inject('postgresUrl');
}

/** The same server, database `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface FreshDatabase {
  /** postgres:// URL of the new, empty database; child processes can be handed this string. */
  url: string;
  name: string;
  /** Drops it, closing any connection still open on it. */
  drop(): Promise<void>;
}

/** Creates `kb_<random>` on the run's server. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `kb_${randomBytes(8).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(postgresServerUrl(), name),
    name,
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
