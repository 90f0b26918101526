import type { KeyType } from '../crypto/asymmetric.ts';
import type { CtsError, CtsErrorJson } from '../errors/cts-error.ts';
import type { ApiType, Environment, ExchangeId, Region } from '../exchanges/catalog.ts';
import type { KeyAudit } from '../keys/key-audit.ts';
import type { RequestGate } from '../limiter/gate.ts';
import type { Clock } from '../ports/clock.ts';
import type { FetchLike } from '../ports/fetch.ts';
import type { Logger } from '../ports/logger.ts';
import type { WebSocketFactory } from '../ports/websocket.ts';
import type { ClockOffsetCache } from './shared/clock-offset-cache.ts';

export interface Credentials {
  apiKey: string;
  /** HMAC secret, or a PEM private key for `keyType` 'rsa' / 'ed25519'. */
  apiSecret: string;
  /** OKX only (required there). */
  passphrase?: string;
  /** @default 'hmac' */
  keyType?: KeyType;
}

export interface ConnectorOptions {
  exchange: ExchangeId;
  apiType: ApiType;
  /** @default 'mainnet' */
  environment?: Environment;
  /** The exchange's legal entity whose hosts serve the key (OKX: global, eea, us; Bybit's regions). @default 'global' */
  region?: Region;
  credentials: Credentials;
  /** @default the global fetch */
  fetch?: FetchLike;
  /** @default systemClock */
  clock?: Clock;
  /** Replaces the exchange's hosts: requests go to `${baseUrl}/${exchange}` + the real path (see restBaseUrl). */
  baseUrl?: string;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
  /** Signature validity window where the exchange has one. @default 5000 */
  recvWindowMs?: number;
  /** Rate limiter to pass every request through. @default openGate (no limiting) */
  limiter?: RequestGate;
  /** Non-secret account scope for the limiter. @default 'key:' + first 12 hex of SHA-256(apiKey) */
  accountId?: string;
  /** Retries of retryable failures (429, 5xx, timeouts, network), with backoff. Never for auth failures. @default 2 */
  maxRetries?: number;
  logger?: Logger;
  /**
   * Clock offsets shared across connectors (one per process, e.g. the coordinator's): a fresh offset for this
   * exchange, environment and host skips the time samples. @default none (every sync samples)
   */
  clockOffsetCache?: ClockOffsetCache;
  /** Opens the private stream of apiType 'websocket'. @default the global WebSocket (Node 22+, Bun, Deno) */
  webSocketFactory?: WebSocketFactory;
}

/** One asset in a normalized balance. Amounts are numbers in the asset's own units. */
export interface AssetBalance {
  asset: string;
  total: number;
  available: number;
  locked: number;
}

/** A normalized balance. `currency` is what `total`/`available` are quoted in (USD for account-level equity, else USDT). */
export interface Balance {
  currency: string;
  total: number;
  available: number;
  assets: AssetBalance[];
}

/** What the key may do. `unknown: true` when the exchange does not say (then the flags are our best reading). */
export interface Permissions {
  read: boolean;
  trade: boolean;
  withdraw: boolean;
  transfer: boolean;
  ipRestricted: boolean;
  ips: string[];
  /** Epoch ms when the key expires, when the exchange reports it. */
  expiresAt: number | null;
  unknown?: boolean;
  /** True when the exchange does not say whether the key is IP-bound (`ipRestricted`/`ips` then mean nothing). */
  ipUnknown?: boolean;
  /** The exchange's own permission names, for display. */
  raw?: string[];
  /** Epoch ms the key was created, when the exchange reports it (Bybit `createdAt`, Binance `createTime`). */
  createdAt?: number | null;
  /** Whole days of validity left as the exchange counts them (Bybit `deadlineDay`; negative = none), when reported. */
  daysLeft?: number | null;
  /** Epoch ms the exchange switches the key's trading off (Binance `tradingAuthorityExpirationTime`), when set. */
  tradingExpiresAt?: number | null;
}

export interface ClockOffset {
  /** serverTime − localTime, in ms, corrected for half the round trip. */
  offsetMs: number;
  /** Median round-trip time of the samples, in ms. */
  rttMs: number;
  samples: number;
  /** Set when the offset came from a shared cache (ClockOffsetCache): the age of that measurement in ms. */
  cachedAgeMs?: number;
}

/** A failed test's (and a connection's last) error: CtsError's one serialised shape; rows written before it carried
 * `retryable` may lack it. */
export type TestError = Omit<CtsErrorJson, 'retryable'> & { retryable?: boolean };

export interface TestResult {
  success: boolean;
  balance: Balance | null;
  permissions: Permissions | null;
  clockOffsetMs: number | null;
  /** Milliseconds the whole test took. */
  duration: number;
  /** Timestamped steps: `[2026-01-27T10:00:00.000Z] Starting test...`. */
  log: string[];
  /** Warnings that do not fail the test (a key that can withdraw, a large clock offset). */
  warnings: string[];
  error?: TestError;
  /** The key's lifecycle audit, when the test read its permissions (set by the coordinator). */
  keyAudit?: KeyAudit;
  /**
   * The live error behind `error` (with its cause and stack), for the coordinator in this process. Not enumerable:
   * never serialised or stored.
   */
  readonly failure?: CtsError;
}

/** Options of one connection test. */
/** One call's cancellation and its place in the limiter's queue. */
export interface CallOptions {
  /** Cancels the call at once: it leaves the limiter queue, no further attempt or retry is sent. @default none */
  signal?: AbortSignal;
  /** Its priority in the limiter's queue, higher first (see REQUEST_PRIORITY). @default 0 */
  priority?: number;
}

export interface TestOptions extends CallOptions {
  /** Called with each step line (the same text as `TestResult.log`) as it happens. A throwing listener is ignored. @default none */
  onStep?: (line: string) => void;
}

export interface Connector {
  readonly exchange: ExchangeId;
  readonly apiType: ApiType;
  readonly environment: Environment;
  /** The clock offset applied to signed timestamps (0 until synced). */
  readonly clockOffsetMs: number;
  /** The exchange's time in epoch ms (one request). */
  getServerTime(call?: CallOptions): Promise<number>;
  /** Samples server time several times and sets the offset to the median, RTT-corrected. @default samples 3 */
  syncClock(samples?: number, call?: CallOptions): Promise<ClockOffset>;
  getBalance(call?: CallOptions): Promise<Balance>;
  getPermissions(call?: CallOptions): Promise<Permissions>;
  /** Clock sync, signed balance call, permissions; never throws for exchange failures. */
  testConnection(options?: TestOptions): Promise<TestResult>;
}
