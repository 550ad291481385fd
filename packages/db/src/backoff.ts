/**
 * How long to wait before retry `attempt` (1, 2, …): doubling from `baseMs` up to `maxMs`,
 * half of it random, so instances failing on the same cause do not retry in lockstep.
 */
export function backoff(attempt: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (Math.max(1, attempt) - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
