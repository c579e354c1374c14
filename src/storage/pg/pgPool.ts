import pg from 'pg';

const INT8 = 20;

/**
 * INT8 (BIGINT, and COUNT(*)) is read as bigint, never as a JS number: a seed or time above 2^53 would
 * silently lose precision as a number, and generationRow.ts refuses such a bigint instead. The parser
 * is this pool's own, so other pg users in the process keep their types. NUMERIC (SUM of BIGINT) stays
 * a string; callers that want a number use Number().
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PgPoolOptions {
  /** Connections at most (pg's default is 10). */
  max?: number;
  /** Called for an error on an idle connection (the server restarted, a network cut). */
  onIdleError?: (error: Error) => void;
}

/** A pool on a postgres:// (or postgresql://) URL. */
export function openPgPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: options.max ?? 10,
    connectionTimeoutMillis: 30_000,
  });
  // Without a listener, an idle connection's error (e.g. the server restarting) would crash the
  // process; the pool drops that connection and opens a new one for the next query.
  pool.on('error', options.onIdleError ?? (() => {}));
  return pool;
}

/**
 * Runs fn on one connection inside BEGIN … COMMIT, rolling back if it throws. A connection whose
 * ROLLBACK failed too is destroyed rather than handed back to the pool in an unknown state.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Advisory lock key spaces (the two-int form: space, hashtext(name)), so that a settings lock and a quota
 * lock on the same guild id never wait on each other. Any int4 constants will do; these spell "kb".
 */
export const LOCK_SPACE = { settings: 0x6b620001, quota: 0x6b620002 } as const;
