/**
 * A member's requests between their check and their job being stored: each holds a place in line, so a
 * burst of clicks cannot pass QUEUE_PER_MEMBER while the first ones are still being acknowledged.
 */
export class Arrivals {
  private readonly counts = new Map<string, number>();

  of(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }

  /** Counts one more for the member; the returned function (idempotent) gives the place back. */
  hold(userId: string): () => void {
    this.counts.set(userId, this.of(userId) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.of(userId) - 1;
      if (left > 0) this.counts.set(userId, left);
      else this.counts.delete(userId);
    };
  }
}
