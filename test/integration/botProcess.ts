import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The real bot entry point as its own process (`node src/main.ts`), so it can be killed hard. */
export class BotProcess {
  readonly logs: LogEntry[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  /** `args`: e.g. ['--worker'] for `npm run worker`. */
  constructor(env: Record<string, string>, args: string[] = []) {
    this.child = spawn(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.logs.push(JSON.parse(line) as LogEntry);
      for (const wake of [...this.waiters]) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves with the first log entry (past or future) that matches; rejects if the process exits first. */
  waitForLog(predicate: (entry: LogEntry) => boolean, timeoutMs = 20_000): Promise<LogEntry> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logs.find(predicate);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching log line; last: ${JSON.stringify(this.logs.slice(-3))} ${this.stderr.join('')}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      void this.exited.then(() => {
        check();
        if (this.waiters.has(check)) {
          cleanup();
          reject(new Error(`bot exited before the log line: ${this.stderr.join('')}`));
        }
      });
      check();
    });
  }

  /** Resolves at this process's next log line (or when it exits). */
  nextLog(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      void this.exited.then(wake);
    });
  }

  ready(): Promise<LogEntry> {
    return this.waitForLog(
      (entry) => entry.msg === 'commands registered' || entry.msg === 'commands already registered',
    );
  }

  /** Any role: the line every process writes once it runs (gateway connected, jobs claimed). */
  started(): Promise<LogEntry> {
    return this.waitForLog((entry) => entry.msg === 'started');
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** The environment that points a bot process at the emulators and a database file. */
export function emulatorEnv(
  emulators: {
    discord: { token: string; apiUrl: string };
    fal: { key: string; url: string; restUrl?: string };
  },
  dbPath: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DISCORD_TOKEN: emulators.discord.token,
    FAL_KEY: emulators.fal.key,
    DISCORD_API_URL: emulators.discord.apiUrl,
    FAL_QUEUE_URL: emulators.fal.url,
    ...(emulators.fal.restUrl ? { FAL_REST_URL: emulators.fal.restUrl } : {}),
    ALLOW_HTTP_HOSTS: `${new URL(emulators.fal.url).host},${new URL(emulators.discord.apiUrl).host}`,
    DATABASE_URL: `sqlite:${dbPath}`,
    LOG_LEVEL: 'info',
    ...extra,
  };
}
