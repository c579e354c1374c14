/** Rejected by {@link timeBox} when the promise did not settle in time. */
export class TimeBoxExpired extends Error {
  override name = 'TimeBoxExpired';
}

/**
 * Settles like `work` but rejects with {@link TimeBoxExpired} after `ms`, so a check that hangs (a database
 * that stopped answering) cannot hang whoever awaits it. The timer is unref'd and cleared as soon as `work`
 * settles: it never keeps the process alive. `work` itself is not cancelled.
 */
export function timeBox<T>(work: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeBoxExpired(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
    // A synchronous throw in `work` becomes a rejection like an async one.
    new Promise<T>((inner) => inner(work())).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
