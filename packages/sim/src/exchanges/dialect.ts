import type { Environment, ExchangeId, Region } from '@cts/core/exchanges';
import type { SimAccount } from '../accounts/account.ts';
import type { LimitCharge, LimitRule, Usage } from '../limits/rules.ts';
import type { RejectReason } from '../stats.ts';

/** A reply before it becomes a Response: status, JSON body (or raw text) and extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Context for rendering a rejection in the exchange's own words. */
export interface RejectInfo {
  ip: string;
  now: number;
  endpoint: string;
  environment: Environment;
  retryAfterMs?: number;
  rule?: LimitRule;
  /** Extra detail for the message (never a secret). */
  detail?: string;
  /** Protocol data the reply echoes (OrangeX: the JSON-RPC id). */
  meta?: unknown;
}

/** How one exchange speaks: its error envelope and codes, its limits and its usage headers. */
export interface Dialect {
  exchange: ExchangeId;
  /** The entity whose key space these routes serve (a key of another region is unknown here). @default 'global' */
  region?: Region;
  reject(reason: RejectReason, info: RejectInfo): Reply;
  maintenance(now: number): Reply;
  /** The charges for a request to `endpoint`: IP-scoped ones before auth, account-scoped after. */
  charges(endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[];
  /** Writes the exchange's rate-limit usage headers. */
  usageHeaders(usage: readonly Usage[], headers: Record<string, string>): void;
}

/** Who a request claims to be: the account behind its key or token, or why none was found. */
export interface Identity {
  account?: SimAccount;
  /** Whether the request carried credentials at all. */
  presented: boolean;
  /** A failure found while identifying (e.g. an expired token). */
  failure?: RejectReason;
}
