// Follows a request to COMPLETED over fal's SSE status stream. A stream that ends, breaks or falls
// silent before COMPLETED is followed by one status poll and reopened; reopening without any news is
// bounded by the retry policy and paced by its backoff, so a proxy that cuts every stream cannot spin.
import { backoffDelay, type RetryPolicy } from '../core/retryPolicy.ts';
import { abortedError, FalError } from './falErrors.ts';
import { sleep } from './falHttp.ts';
import { type FalQueueStatus, parseStatus } from './falOutput.ts';
import { createSseParser } from './sseParser.ts';

export interface StatusSource {
  /** Opens the SSE stream (retrying to open it per the policy); resolves with the 2xx response. */
  open(signal: AbortSignal): Promise<Response>;
  poll(signal: AbortSignal): Promise<FalQueueStatus>;
}

interface StreamRun {
  completed: boolean;
  /** The stream brought a status we had not reported yet. */
  news: boolean;
  /** It was closed by us for silence, not by fal or the network. */
  idle: boolean;
}

const WHAT = 'fal status';

export async function followStatus(
  source: StatusSource,
  policy: RetryPolicy,
  random: () => number,
  onStatus: (status: FalQueueStatus) => void,
  signal: AbortSignal,
): Promise<void> {
  let last = '';
  // Reports changes only: a reopened stream repeats the status the poll just gave.
  const report = (status: FalQueueStatus): boolean => {
    const key = JSON.stringify(status);
    if (key === last) return false;
    last = key;
    onStatus(status);
    return true;
  };

  let fruitless = 0;
  for (;;) {
    if (signal.aborted) throw abortedError(signal, 'waiting for fal');
    const run = await readStream(source, policy, report, signal);
    if (run.completed) return;
    if (signal.aborted) throw abortedError(signal, 'waiting for fal');
    const polled = await source.poll(signal);
    const news = report(polled) || run.news;
    if (polled.status === 'COMPLETED') return;
    if (news) fruitless = 0;
    else if (!run.idle) fruitless++;
    if (fruitless >= policy.maxAttempts) {
      throw new FalError('network', `${WHAT} stream kept closing before the request completed`);
    }
    if (fruitless > 0) await sleep(backoffDelay(policy, fruitless, random), signal);
  }
}

async function readStream(
  source: StatusSource,
  policy: RetryPolicy,
  report: (status: FalQueueStatus) => boolean,
  signal: AbortSignal,
): Promise<StreamRun> {
  const silence = new AbortController();
  const response = await source.open(AbortSignal.any([signal, silence.signal]));
  const run: StreamRun = { completed: false, news: false, idle: false };
  if (!response.body) return run;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser((data) => {
    if (run.completed || data.trim() === '') return;
    const status = parseStatus(JSON.parse(data));
    if (report(status)) run.news = true;
    if (status.status === 'COMPLETED') run.completed = true;
  });
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      run.idle = true;
      silence.abort();
    }, policy.streamIdleMs);
  };
  try {
    armIdle();
    // Each chunk is parsed synchronously, so COMPLETED is acted on the moment its bytes arrive.
    while (!run.completed) {
      const chunk = await reader.read();
      if (chunk.done) break;
      armIdle();
      parser.push(decoder.decode(chunk.value, { stream: true }));
    }
  } catch {
    if (signal.aborted) throw abortedError(signal, 'waiting for fal');
    // A cut, garbled or silent stream: the caller polls once (which surfaces real failures) and reopens.
  } finally {
    clearTimeout(idleTimer);
    // Releases the socket at once, also when we stop reading after COMPLETED.
    reader.cancel().catch(() => undefined);
  }
  return run;
}
