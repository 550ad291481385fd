import type { Text } from '@duijie/contracts';
import { COUNTED, commonErrors } from './common-errors.ts';

export type RateLimit = { max: number; windowMs: number };

/**
 * Counts events per key in fixed windows, in this process's memory: enough for limits that
 * protect one process (failed key look-ups, one key's requests). Old windows are dropped as
 * the map grows, so a flood of distinct keys cannot hold memory for long.
 */
export class RateWindows {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: RateLimit,
    readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may act again (0: it may now), without counting anything. */
  retryAfter(key: string): number {
    const w = this.#windows.get(key);
    const now = this.now();
    return w && w.resetAt > now && w.count >= this.limit.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Counts one event of `key`; returns the seconds to wait when that one is over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.#windows.size >= 10_000) this.#prune(now);
      w = { count: 0, resetAt: now + this.limit.windowMs };
      this.#windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.limit.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  #prune(now: number) {
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}

/** The 429 every limit answers: the limit, its window, and the wait (also in Retry-After). */
export const rateLimited = (limit: RateLimit, retryAfterSeconds: number, what?: Text) =>
  commonErrors.rateLimited(limit.max, limit.windowMs, retryAfterSeconds, what ?? COUNTED.requests);
