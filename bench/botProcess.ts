// The process under test (the real bot, or the baseline) runs as its own Node process, so its CPU time
// and memory are its own and the emulators in the bench process do not count against it.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ChildOptions {
  script: string;
  env: Record<string, string>;
  /** Working directory: a fresh temp dir, so no developer `.env` is picked up by dotenv. */
  cwd: string;
  /** stdout and stderr go to this file: a file write never blocks the child the way a full pipe can. */
  logFile: string;
  nodeArgs?: string[];
  /** Arguments after the script (e.g. `--worker`). */
  args?: string[];
}

export interface RunningChild {
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
  readonly hasExited: boolean;
  /** SIGTERM (the bot finishes in-flight work and exits), then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

const alive = new Set<ChildProcess>();
let hooked = false;

/** A bench that is interrupted or crashes must not leave bots running. */
function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of alive) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of alive) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

export function startChild(options: ChildOptions): RunningChild {
  killAllOnExit();
  const out = openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', out, out],
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${options.script}`);
  alive.add(child);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      alive.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    pid: child.pid,
    exited,
    get hasExited() {
      return done;
    },
    async stop(graceMs = 5000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
