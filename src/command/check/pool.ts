// A bound on the DNS queries one run of the check has in flight. Sent all at once, hundreds of queries overrun
// the sockets on either side (on loopback about a fifth were lost), and every lost one waited out a full timeout.
// Internal (not exported from index.ts).

/** Queries in flight at most, by default: enough to keep a run quick, few enough that none is dropped for load. */
export const DEFAULT_QUERIES_IN_FLIGHT = 8;

/** Runs tasks with at most `limit` of them running at once, the others waiting in the order they came. */
export class QueryPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /** `limit`: how many tasks may run at once, an integer of at least 1. */
  constructor(public readonly limit: number = DEFAULT_QUERIES_IN_FLIGHT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`a query pool needs a limit of at least 1, got ${limit}`);
  }

  /** Runs `task` when a place is free; the place is given back when it settles, whether it resolves or rejects. */
  public async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
