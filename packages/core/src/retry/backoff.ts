/**
 * Exponential backoff with decorrelated jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * next = min(cap, random(base, previous * 3)). Bounded by `capMs`; never below `baseMs`.
 */
export interface BackoffOptions {
  /** @default 200 */
  baseMs?: number;
  /** @default 10000 */
  capMs?: number;
  /** @default Math.random */
  random?: () => number;
}

export function createBackoff(options: BackoffOptions = {}): () => number {
  const base = options.baseMs ?? 200;
  const cap = options.capMs ?? 10_000;
  const random = options.random ?? Math.random;
  if (!(base > 0)) throw new TypeError('baseMs: must be > 0');
  if (!(cap >= base)) throw new TypeError('capMs: must be >= baseMs');
  let previous = base;
  return () => {
    previous = Math.min(cap, base + random() * (previous * 3 - base));
    return Math.round(previous);
  };
}
