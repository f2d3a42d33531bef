// How many batches one server stores at once. Storing a batch is CPU work in PostgreSQL (its events, the
// installations, devices and day rollups it touches); past about as many batches as the database has cores,
// more at once only make them wait on each other's row locks while holding theirs, and a 2-core server
// storing four at once managed two-thirds of what it does two at a time (`npm run bench -- ingest
// --concurrency=4`: 10,500 events/s against 15,900/s). So a batch past the limit waits its turn here, in
// memory, in the order it came; and past `maxWaiting` waiting batches the server is busy and says so (503
// with Retry-After) instead of holding ever more requests open.
import pLimit, { type LimitFunction } from "p-limit";

export const BUSY = Symbol("busy");

export class BatchSlots {
  private readonly limit: LimitFunction;

  constructor(
    concurrency: number,
    private readonly maxWaiting: number,
  ) {
    this.limit = pLimit(concurrency);
  }

  /** Runs `store` when a slot is free; BUSY at once, without running it, when too many wait already. */
  run<T>(store: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.limit.activeCount >= this.limit.concurrency && this.limit.pendingCount >= this.maxWaiting) {
      return Promise.resolve(BUSY);
    }
    return this.limit(store);
  }

  get storing(): number {
    return this.limit.activeCount;
  }

  get waiting(): number {
    return this.limit.pendingCount;
  }
}
