// Runs the emulator as its own process (manual runs, the benchmark):
//   node test/emulators/fal/cli.ts --port 8788 [--generation-ms 2000] [--queue-ms 0] [--concurrency 10]
//        [--long-side 1024] [--key emulator-fal-key]
// Prints the base URL on stdout (one line, for scripts to read), then serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startFalEmulator } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'generation-ms': { type: 'string' },
    'queue-ms': { type: 'string' },
    concurrency: { type: 'string' },
    'long-side': { type: 'string' },
    key: { type: 'string' },
  },
});

const number = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`--${name} must be a non-negative number, got ${raw}`);
  return value;
};

const generationMs = number('generation-ms', values['generation-ms']);
const queueMs = number('queue-ms', values['queue-ms']);
const concurrency = number('concurrency', values.concurrency);
const imageLongSide = number('long-side', values['long-side']);
const emulator = await startFalEmulator({
  port: number('port', values.port) ?? 0,
  ...(values.key ? { key: values.key } : {}),
  ...(generationMs !== undefined ? { generationMs } : {}),
  ...(queueMs !== undefined ? { queueMs } : {}),
  ...(concurrency !== undefined ? { concurrency } : {}),
  ...(imageLongSide !== undefined ? { imageLongSide } : {}),
});
process.stdout.write(`${emulator.url}\n`);
process.stderr.write(
  `fal emulator: key '${emulator.key}', queue API at ${emulator.url}, REST (storage) at ${emulator.restUrl}\n`,
);

const stop = (): void => {
  process.stderr.write(`fal emulator: ${emulator.jobs.length} jobs, max in flight ${emulator.maxInFlight}\n`);
  emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
