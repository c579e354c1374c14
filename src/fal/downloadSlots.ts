// Image downloads start after the fal slot is released, so nothing else bounds them: without this, a
// burst of finished jobs would hold every image of every job in memory at once.

export interface DownloadSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createDownloadSlots(size: number): DownloadSlots {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(work) {
      if (active < size) active++;
      // A released slot passes straight to the next waiter, so `active` never dips under load.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
