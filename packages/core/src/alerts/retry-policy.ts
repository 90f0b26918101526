/** Retries of a failed delivery. */
export interface RetryOptions {
  /** Attempts before a delivery is marked failed. @default 8 */
  maxAttempts?: number;
  /** First retry delay. @default 2000 */
  baseDelayMs?: number;
  /** Longest delay between attempts (a Retry-After beyond it is honoured, up to 24 h). @default 900000 */
  maxDelayMs?: number;
  /** @default Math.random */
  random?: () => number;
}

const DAY = 86_400_000;

/**
 * The delay before attempt `attempt + 1`: exponential (base·2^(attempt−1), capped) with jitter in [½, 1] of it, so
 * a fleet of dispatchers does not retry in step. A 429's Retry-After wins when given.
 */
export function retryDelay(attempt: number, o: RetryOptions, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, DAY);
  const base = o.baseDelayMs ?? 2000;
  const cap = o.maxDelayMs ?? 900_000;
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + 0.5 * (o.random ?? Math.random)()));
}

/** Retry-After as ms: delta-seconds or an HTTP date; also the JSON `retry_after` (seconds) Discord and Telegram send. */
export function parseRetryAfter(header: string | null, body: string, now: number): number | undefined {
  if (header) {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  try {
    const json = JSON.parse(body) as { retry_after?: number; parameters?: { retry_after?: number } };
    const s = json.retry_after ?? json.parameters?.retry_after;
    if (typeof s === 'number' && s >= 0) return s * 1000;
  } catch {}
  return undefined;
}

/** How a reply is treated: 2xx delivered; 408, 425, 429 and 5xx retried; anything else (3xx included) failed. */
export function classifyStatus(status: number): 'delivered' | 'retry' | 'failed' {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}
