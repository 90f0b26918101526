/** What a rate-limit rule is, what a request costs under it, and what the limiter answers. */

/** What happens to a caller that goes over a rule's limit. */
export type BanPolicy =
  /** Banned for `ms` from the violation (Bybit's IP limit, BingX's 5-minute restriction). */
  | { type: 'fixed'; ms: number }
  /** Banned for `ms`, and every request during the ban adds `extendMs` (Pionex: 60 s + 10 s). */
  | { type: 'extend'; ms: number; extendMs: number }
  /**
   * After `strikes` rejected requests in a row, banned for `baseMs`, doubling with each further ban up to
   * `maxMs` (Binance's 418: from 2 minutes to 3 days).
   */
  | { type: 'escalate'; strikes: number; baseMs: number; maxMs: number };

export interface LimitRule {
  /** Unique name, e.g. `binance.api.ip`. */
  name: string;
  /** Counted per client IP or per account (UID). */
  scope: 'ip' | 'account';
  windowMs: number;
  /** Weight allowed in any window of `windowMs`. */
  limit: number;
  /** Counted separately per endpoint. @default false */
  perEndpoint?: boolean;
  /** @default none: only 429 while over the limit */
  ban?: BanPolicy;
}

/** One rule a request is counted under, with its weight there. */
export interface LimitCharge {
  rule: LimitRule;
  weight: number;
}

export interface Usage {
  rule: LimitRule;
  /** Weight used in the window, including this request when it was accepted. */
  used: number;
  remaining: number;
  /** Epoch ms when the oldest counted request leaves the window. */
  resetAt: number;
}

export type LimitOutcome =
  | { ok: true; usage: Usage[] }
  | {
      ok: false;
      /** True when the caller is banned (not merely over the window). */
      banned: boolean;
      rule: LimitRule;
      retryAfterMs: number;
      usage: Usage[];
    };

/** The scopes a request is counted in. */
export interface LimitSubject {
  ip: string;
  /** Account id (UID); absent before authentication. */
  account?: string;
  endpoint: string;
}
