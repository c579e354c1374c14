export interface WaitingJob {
  id: string;
  userId: string;
  createdAt: number;
  /** Storing order (a job's place among its member's jobs). */
  seq: number;
}

/**
 * The order in which a shared queue hands out fal slots: round-robin by member, the same turns the
 * in-process FairQueue takes. A member's place in the turn order is when they were last given a slot,
 * or when their oldest waiting job arrived if that is later (they left the line and joined it again);
 * within a member, in the order the jobs were stored. `lastClaimedAt` holds each member's last slot.
 */
export function fairOrder(
  waiting: readonly WaitingJob[],
  lastClaimedAt: ReadonlyMap<string, number>,
): string[] {
  const byMember = new Map<string, WaitingJob[]>();
  for (const job of [...waiting].sort(byArrival)) {
    const jobs = byMember.get(job.userId);
    if (jobs) jobs.push(job);
    else byMember.set(job.userId, [job]);
  }
  const turns = [...byMember.entries()]
    .map(([userId, jobs]) => ({
      userId,
      jobs,
      key: turnKey(lastClaimedAt.get(userId), Math.min(...jobs.map((job) => job.createdAt))),
    }))
    .sort((a, b) => a.key - b.key || compare(a.userId, b.userId));
  const order: string[] = [];
  for (let round = 0; order.length < waiting.length; round++) {
    for (const turn of turns) {
      const job = turn.jobs[round];
      if (job) order.push(job.id);
    }
  }
  return order;
}

/** What the shared queue's SQL orders members by (see pgJobBoard): kept here so both agree. */
export function turnKey(lastClaimedAt: number | undefined, oldestWaitingAt: number): number {
  return Math.max(lastClaimedAt ?? 0, oldestWaitingAt);
}

function byArrival(a: WaitingJob, b: WaitingJob): number {
  return a.seq - b.seq;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
