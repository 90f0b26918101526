import type { Environment, ExchangeId } from '@cts/core/exchanges';

interface Entry {
  accountId: string;
  /** `listenKey` (BingX, Binance USDⓈ-M) or `listenToken` (Binance margin): a key is never the other. */
  scope: string;
  exchange: ExchangeId;
  environment: Environment;
  expiresAt: number;
}

/** listenKey validity (BingX and Binance USD-M: 60 minutes, extended by PUT). */
export const LISTEN_KEY_TTL_MS = 60 * 60_000;

/** listenKeys per exchange; a key is valid until `expiresAt` and only for its exchange and environment. */
export class ListenKeyStore {
  readonly ttlMs: number;
  #keys = new Map<string, Entry>();

  constructor(ttlMs = LISTEN_KEY_TTL_MS) {
    if (!(ttlMs > 0)) throw new TypeError('listenKeyTtlMs: expected a positive number of ms');
    this.ttlMs = ttlMs;
  }

  /** A new key valid for `ttlMs` (default: the store's). */
  create(
    accountId: string,
    exchange: ExchangeId,
    environment: Environment,
    now: number,
    { scope = 'listenKey', ttlMs = this.ttlMs }: { scope?: string; ttlMs?: number } = {},
  ): string {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    let key = '';
    for (const b of bytes) key += b.toString(16).padStart(2, '0');
    this.#keys.set(key, { accountId, scope, exchange, environment, expiresAt: now + ttlMs });
    return key;
  }

  /** The account of a live key of this exchange/environment/scope; undefined when unknown or expired. */
  resolve(
    key: string,
    exchange: ExchangeId,
    environment: Environment,
    now: number,
    scope = 'listenKey',
  ): string | undefined {
    const e = this.#keys.get(key);
    if (!e || e.scope !== scope || e.exchange !== exchange || e.environment !== environment) return undefined;
    if (e.expiresAt <= now) {
      this.#keys.delete(key);
      return undefined;
    }
    return e.accountId;
  }

  /** Extends a live listenKey owned by `accountId`; false when unknown, expired, someone else's or a token. */
  extend(key: string, accountId: string, now: number): boolean {
    const e = this.#keys.get(key);
    if (e?.scope !== 'listenKey' || e.accountId !== accountId || e.expiresAt <= now) return false;
    e.expiresAt = now + this.ttlMs;
    return true;
  }

  delete(key: string, accountId: string): boolean {
    const e = this.#keys.get(key);
    if (!e || e.accountId !== accountId) return false;
    return this.#keys.delete(key);
  }

  clear(): void {
    this.#keys.clear();
  }
}
