export interface QueueItem {
  id: string;
  userId: string;
}

/**
 * Round-robin by member: each member's jobs wait in arrival order, and members take turns, so one
 * member's four rerolls don't hold everyone else back. A new member joins the end of the turn order.
 */
export class FairQueue<T extends QueueItem> {
  private readonly byUser = new Map<string, T[]>();
  private readonly turns: string[] = [];

  get size(): number {
    let total = 0;
    for (const items of this.byUser.values()) total += items.length;
    return total;
  }

  countFor(userId: string): number {
    return this.byUser.get(userId)?.length ?? 0;
  }

  has(id: string): boolean {
    for (const items of this.byUser.values()) if (items.some((item) => item.id === id)) return true;
    return false;
  }

  enqueue(item: T): void {
    const items = this.byUser.get(item.userId);
    if (items) {
      items.push(item);
      return;
    }
    this.byUser.set(item.userId, [item]);
    this.turns.push(item.userId);
  }

  dequeue(): T | undefined {
    const userId = this.turns.shift();
    if (userId === undefined) return undefined;
    const items = this.byUser.get(userId)!;
    const item = items.shift();
    if (items.length > 0) this.turns.push(userId);
    else this.byUser.delete(userId);
    return item;
  }

  remove(id: string): T | undefined {
    for (const [userId, items] of this.byUser) {
      const index = items.findIndex((item) => item.id === id);
      if (index < 0) continue;
      const [removed] = items.splice(index, 1);
      if (items.length === 0) {
        this.byUser.delete(userId);
        this.turns.splice(this.turns.indexOf(userId), 1);
      }
      return removed;
    }
    return undefined;
  }

  /** 1-based position of every waiting item: the order in which dequeue() would hand them out. */
  positions(): Map<string, number> {
    const result = new Map<string, number>();
    const lists = this.turns.map((userId) => this.byUser.get(userId)!);
    let position = 1;
    for (let round = 0; result.size < this.size; round++) {
      for (const items of lists) {
        const item = items[round];
        if (item) result.set(item.id, position++);
      }
    }
    return result;
  }
}
