import type { Environment } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { ListenKeyStore } from '../../ws/listen-keys.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamRequest } from '../../ws/stream-types.ts';
import type { SimDeps } from '../deps.ts';
import { rawQuery, type SimContext, type SimEnv } from '../http.ts';
import { identifyByKey, runPrivate } from '../pipeline.ts';
import { binanceDialect } from './routes.ts';
import { verifyBinance } from './verify.ts';

export const BINANCE_LISTEN_TOKEN_PATH = '/sapi/v1/userListenToken';
export const LISTEN_TOKEN_SCOPE = 'listenToken';
/** `validity` ≤ 24 h, the default (reference §2.6). */
export const LISTEN_TOKEN_MAX_MS = 24 * 60 * 60_000;

/**
 * Margin listenTokens (reference §2.6): `POST /sapi/v1/userListenToken` [`validity` ms ≤ 24 h] →
 * `{token, expirationTime}` (without `validity`: `defaultValidityMs`, 24 h unless the simulator is told
 * otherwise). Signed here like any SAPI call and needing the margin permission (both our
 * choices: ccxt sends it with the API-key header only — UNCONFIRMED). A token cannot be extended: a new one is
 * requested. Its weight is a UID weight of 1 at Binance; here it counts 1 against its own IP window.
 */
export function createBinanceListenTokenRoutes(
  deps: SimDeps,
  listenKeys: ListenKeyStore,
  environment: Environment,
  defaultValidityMs = LISTEN_TOKEN_MAX_MS,
): Hono<SimEnv> {
  if (!(defaultValidityMs > 0 && defaultValidityMs <= LISTEN_TOKEN_MAX_MS))
    throw new TypeError('listenTokenValidityMs: expected ms in (0, 86400000]');
  const dialect = binanceDialect(deps);
  const app = new Hono<SimEnv>();
  app.post(BINANCE_LISTEN_TOKEN_PATH, async (c: SimContext) => {
    const query = rawQuery(c.req.url);
    const body = await c.req.text();
    const validity = new URLSearchParams(`${query}&${body}`).get('validity');
    return runPrivate(deps, c, dialect, environment, {
      endpoint: BINANCE_LISTEN_TOKEN_PATH,
      identify: () => identifyByKey(deps, 'binance', c.req.header('x-mbx-apikey')),
      verify: (account, now) => verifyBinance(account, query, body, now),
      allowed: (account) => account.permissions.margin,
      answer: (account, now) => {
        const ttlMs = validity === null ? defaultValidityMs : Number(validity);
        if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > LISTEN_TOKEN_MAX_MS)
          return { status: 400, body: { code: -1130, msg: 'Invalid data sent for a parameter (validity).' } };
        const token = listenKeys.create(account.id, 'binance', environment, now, {
          scope: LISTEN_TOKEN_SCOPE,
          ttlMs,
        });
        return { status: 200, body: { token, expirationTime: now + ttlMs } };
      },
    });
  });
  return app;
}

/**
 * WS API `userDataStream.subscribe.listenToken` `{listenToken}`: the token's account, or the failure reply
 * (400, -1125 and a message naming the listenToken: our choice, Binance's code is UNCONFIRMED).
 */
export function subscribeListenToken(
  deps: StreamDeps,
  request: StreamRequest,
  token: unknown,
): { accountId: string } | { status: number; error: { code: number; msg: string } } {
  const key = typeof token === 'string' ? token : '';
  const accountId = deps.listenKeys.resolve(
    key,
    'binance',
    request.environment,
    deps.clock.now(),
    LISTEN_TOKEN_SCOPE,
  );
  deps.stats.request('binance', accountId ?? (key ? 'unknown' : 'anonymous'));
  if (accountId) {
    deps.stats.accepted('binance', accountId);
    return { accountId };
  }
  deps.stats.rejected('binance', key ? 'unknown' : 'anonymous', key ? 'bad_token' : 'missing_auth');
  return {
    status: 400,
    error: { code: -1125, msg: 'This listenToken does not exist or has expired.' },
  };
}

/** Whether the token still resolves (checked on every ping tick for expiry). */
export function listenTokenLive(deps: StreamDeps, request: StreamRequest, token: string): boolean {
  return (
    deps.listenKeys.resolve(token, 'binance', request.environment, deps.clock.now(), LISTEN_TOKEN_SCOPE) !==
    undefined
  );
}
