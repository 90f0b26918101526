import { CtsError, toCtsError } from '../../errors/cts-error.ts';
import type { Clock } from '../../ports/clock.ts';
import { type Logger, noopLogger } from '../../ports/logger.ts';
import { asRecord } from '../shared/amount.ts';

/** An OrangeX access token. The tokens are secrets: never log them. */
export interface OrangexToken {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms (local clock) when the access token expires. */
  expiresAt: number;
  /** The token's scope, e.g. `account:read_write trade:read_write`. */
  scope?: string;
}

/** Reads a `/public/auth` result (`access_token`, `refresh_token`, `expires_in` in s, `scope`) at local time `now`. */
export function parseOrangexAuthResult(result: unknown, now: number): OrangexToken {
  const r = asRecord(result);
  const expiresIn = Number(r?.expires_in);
  if (!r || typeof r.access_token !== 'string' || r.access_token === '' || !(expiresIn > 0))
    throw new CtsError('exchange.bad_response', 'OrangeX auth result lacks access_token or expires_in');
  return {
    accessToken: r.access_token,
    refreshToken: typeof r.refresh_token === 'string' && r.refresh_token !== '' ? r.refresh_token : undefined,
    expiresAt: now + expiresIn * 1000,
    scope: typeof r.scope === 'string' ? r.scope : undefined,
  };
}

export interface OrangexTokenSessionOptions {
  clock: Clock;
  /** Obtains a fresh token from the key (grant `client_signature`). */
  authenticate: () => Promise<unknown>;
  /** Exchanges a refresh token for a fresh token (grant `refresh_token`). */
  refresh: (refreshToken: string) => Promise<unknown>;
  /** Renew this long before expiry. @default min(60 s, a fifth of the token's lifetime) */
  refreshBeforeMs?: number;
  /** @default noopLogger */
  logger?: Logger;
}

/**
 * Keeps one OrangeX access token: reuses it while valid, refreshes it with the refresh token shortly before it
 * expires, and authenticates again when refreshing fails. Concurrent callers share one renewal.
 */
export class OrangexTokenSession {
  readonly #options: OrangexTokenSessionOptions;
  #token: OrangexToken | undefined;
  #renewAt = 0;
  #pending: Promise<OrangexToken> | undefined;

  constructor(options: OrangexTokenSessionOptions) {
    if (options.refreshBeforeMs !== undefined && !(options.refreshBeforeMs >= 0))
      throw new TypeError('refreshBeforeMs: must be a number of milliseconds >= 0');
    this.#options = options;
  }

  /** The current token, renewed first when it is due. */
  token(): Promise<OrangexToken> {
    if (this.#token && this.#options.clock.now() < this.#renewAt) return Promise.resolve(this.#token);
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets the token (after the exchange rejected it), so the next call authenticates again. */
  invalidate(): void {
    this.#token = undefined;
    this.#renewAt = 0;
  }

  async #renew(): Promise<OrangexToken> {
    const { clock, logger = noopLogger } = this.#options;
    const refreshToken = this.#token?.refreshToken;
    if (refreshToken) {
      const sent = clock.now();
      try {
        return this.#store(await this.#options.refresh(refreshToken), sent);
      } catch (err) {
        const error = toCtsError(err);
        if (error.code === 'aborted') throw error;
        logger.debug('orangex token refresh failed; authenticating again', { code: error.code });
      }
    }
    const sent = clock.now();
    return this.#store(await this.#options.authenticate(), sent);
  }

  #store(result: unknown, now: number): OrangexToken {
    const token = parseOrangexAuthResult(result, now);
    const lifetime = token.expiresAt - now;
    const before = this.#options.refreshBeforeMs ?? Math.min(60_000, lifetime / 5);
    this.#token = token;
    this.#renewAt = token.expiresAt - before;
    return token;
  }
}
