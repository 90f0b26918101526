import type { ExchangeId } from '../exchanges/catalog.ts';

/**
 * The contract between connectors and the rate limiter. A connector asks the gate for a permit before every
 * request and hands back what the exchange said about its limits when the request ends.
 */

/** One request as the limiter sees it. The limiter looks up weights and endpoint groups from method + path. */
export interface RequestDescriptor {
  exchange: ExchangeId;
  /** Stable, non-secret account scope (a connection id, or a hash of the API key). */
  account: string;
  /** Egress IP scope; one process is one IP unless configured otherwise. @default 'default' */
  ip?: string;
  method: string;
  /** The exchange's real path, without query (`/api/v3/account`, or for OrangeX the JSON-RPC method). */
  path: string;
  /** Higher runs first. @default 0 */
  priority?: number;
  signal?: AbortSignal;
}

/** Rate-limit usage read from an exchange reply, in one shape for every exchange. */
export interface RateLimitUsage {
  /** What the count applies to. */
  scope: 'ip' | 'account' | 'endpoint';
  /** Length of the window the count covers, in ms (60000 for Binance's `X-MBX-USED-WEIGHT-1M`). */
  windowMs: number;
  used?: number;
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets, when the exchange says. */
  resetAt?: number;
  /** The header it came from, for diagnostics. */
  source: string;
}

/** What the exchange reply told us about limits. */
export interface LimitFeedback {
  /** HTTP status of the reply; undefined when no reply arrived. */
  status?: number;
  usage?: RateLimitUsage[];
  /** The exchange said "too many requests" (HTTP 429 or a rate-limit error code in the body). */
  rateLimited?: boolean;
  /** From Retry-After (seconds → ms) or the body. */
  retryAfterMs?: number;
  /** Epoch ms until which the IP or account is banned (Binance 418, Pionex 60 s ban, Bybit 403). */
  bannedUntil?: number;
}

export interface Permit {
  /** Ends the request: frees its concurrency slot and applies the exchange's feedback. Idempotent. */
  release(feedback?: LimitFeedback): void;
}

export interface RequestGate {
  /** Resolves when the request may be sent. Rejects with CtsError limiter.queue_full / limiter.max_wait / aborted. */
  acquire(request: RequestDescriptor): Promise<Permit>;
}

/** A gate that admits everything at once: the default when no limiter is configured. */
export const openGate: RequestGate = {
  acquire: async () => ({ release() {} }),
};
