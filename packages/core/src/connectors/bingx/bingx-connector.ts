import { CtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import type { Connector, ConnectorOptions } from '../types.ts';
import { BINGX_PATHS, bingxAccountOf } from './endpoints.ts';
import {
  normalizeBingxPermissions,
  normalizeBingxSpotBalance,
  normalizeBingxSwapBalance,
} from './normalize.ts';
import { createBingxReader } from './reader.ts';
import { bingxPublicRequest, signBingxRequest } from './signer.ts';

/**
 * A BingX connector: `rest`/`websocket`/`perpetual_futures` read the USDT-M perpetual account, `spot` the spot
 * account. The `demo` environment is BingX's VST host.
 *
 * @example
 * const bingx = createBingxConnector({ exchange: 'bingx', apiType: 'perpetual_futures', credentials: { apiKey, apiSecret } });
 * const result = await bingx.testConnection();
 */
export function createBingxConnector(options: ConnectorOptions): Connector {
  const resolved = resolveOptions(options);
  if (resolved.exchange !== 'bingx')
    throw new TypeError(`exchange: createBingxConnector needs "bingx", got "${resolved.exchange}"`);
  const { clock, credentials, recvWindowMs } = resolved;
  const ctx = httpContext(resolved, accountScope(options));
  const baseUrl = restBaseUrl('bingx', resolved.environment, 'default', resolved.baseUrl);
  const reader = createBingxReader(clock);
  const account = bingxAccountOf(resolved.apiType);
  const signing = createSigningClock(resolved, baseUrl);

  const signedGet = (path: string): Promise<unknown> =>
    send(
      ctx,
      { method: 'GET', path },
      () =>
        signBingxRequest({
          method: 'GET',
          baseUrl,
          path,
          apiKey: credentials.apiKey,
          apiSecret: credentials.apiSecret,
          timestamp: signing.timestamp(),
          recvWindowMs,
        }),
      reader,
    );

  const connector: Connector = {
    exchange: 'bingx',
    apiType: resolved.apiType,
    environment: resolved.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    async getServerTime() {
      const path = BINGX_PATHS.serverTime;
      const data = await send(
        ctx,
        { method: 'GET', path },
        async () => bingxPublicRequest(baseUrl, path),
        reader,
      );
      const serverTime = Number((data as { serverTime?: unknown } | null)?.serverTime);
      if (!Number.isFinite(serverTime) || serverTime <= 0)
        throw new CtsError('exchange.bad_response', 'BingX server time reply has no data.serverTime');
      return serverTime;
    },
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance() {
      return account === 'spot'
        ? normalizeBingxSpotBalance(await signedGet(BINGX_PATHS.spotBalance))
        : normalizeBingxSwapBalance(await signedGet(BINGX_PATHS.swapBalance));
    },
    async getPermissions() {
      return normalizeBingxPermissions(await signedGet(BINGX_PATHS.apiPermissions));
    },
    testConnection: (options) => runConnectionTest(connector, clock, options),
  };
  return connector;
}
