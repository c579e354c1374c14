// Counts image downloads in flight and can hold them open, so a test sees how many a client runs at once.
import type { FalImageHold } from './types.ts';

export interface ImageGate {
  readonly maxInFlight: number;
  /** Calls `serve` now, or once the hold is released; `done` must be called when the answer ended. */
  enter(serve: () => void): { done(): void };
  hold(): FalImageHold;
}

export function createImageGate(): ImageGate {
  let inFlight = 0;
  let maxInFlight = 0;
  let held: (() => void)[] | undefined;
  const watchers = new Set<() => void>();
  return {
    get maxInFlight() {
      return maxInFlight;
    },
    enter(serve) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let ended = false;
      if (held) {
        held.push(serve);
        for (const watch of [...watchers]) watch();
      } else serve();
      return {
        done() {
          if (ended) return;
          ended = true;
          inFlight--;
        },
      };
    },
    hold() {
      const waiting: (() => void)[] = [];
      held = waiting;
      return {
        held: () => waiting.length,
        waitForHeld(count, timeoutMs = 10_000) {
          return new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => {
              watchers.delete(check);
              reject(new Error(`${waiting.length} image requests held, not ${count}, after ${timeoutMs} ms`));
            }, timeoutMs);
            const check = (): void => {
              if (waiting.length < count) return;
              clearTimeout(timer);
              watchers.delete(check);
              resolve();
            };
            watchers.add(check);
            check();
          });
        },
        release() {
          if (held === waiting) held = undefined;
          for (const serve of waiting.splice(0)) serve();
        },
      };
    },
  };
}
