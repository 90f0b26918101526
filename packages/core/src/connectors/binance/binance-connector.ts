import { CtsError, toCtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import { unknownPermissions } from '../shared/unknown-permissions.ts';
import type { Balance, Connector, ConnectorOptions, Permissions } from '../types.ts';
import { BINANCE_PERMISSIONS_PATH, binanceRoute } from './endpoints.ts';
import {
  normalizeBinancePermissions,
  normalizeFuturesBalance,
  normalizeMarginBalance,
  normalizeSpotBalance,
} from './normalize.ts';
import { createBinanceReader } from './reader.ts';
import { type BinanceParams, binancePublicRequest, signBinanceRequest } from './signer.ts';

const NORMALIZE = {
  spot: normalizeSpotBalance,
  futures: normalizeFuturesBalance,
  margin: normalizeMarginBalance,
};

/** Whether a permissions failure off mainnet means "this host has no SAPI" rather than a real failure. */
function sapiMissing(error: CtsError): boolean {
  return (
    error.status === 404 ||
    error.code === 'exchange.bad_response' ||
    error.code === 'exchange' ||
    error.code === 'auth.failed'
  );
}

/**
 * A Binance connector: spot (`rest`, `spot`, `websocket`), USDⓈ-M futures (`perpetual_futures`) or cross
 * margin (`margin`), with HMAC, RSA or Ed25519 keys.
 *
 * @example
 * const c = createBinanceConnector({ exchange: 'binance', apiType: 'spot', credentials: { apiKey, apiSecret } });
 * await c.syncClock();
 * const balance = await c.getBalance();
 */
export function createBinanceConnector(options: ConnectorOptions): Connector {
  const o = resolveOptions(options);
  if (o.exchange !== 'binance')
    throw new TypeError('exchange: createBinanceConnector needs exchange "binance"');
  const ctx = httpContext(o, accountScope(options));
  const route = binanceRoute(o.apiType);
  const host = restBaseUrl('binance', o.environment, route.product, o.baseUrl);
  const sapiHost = restBaseUrl('binance', o.environment, 'default', o.baseUrl);
  const reader = createBinanceReader(o.clock);
  const signing = createSigningClock(o, host);

  const signedGet = (baseUrl: string, path: string, params: BinanceParams = []) =>
    send(
      ctx,
      { method: 'GET', path },
      () =>
        signBinanceRequest({
          method: 'GET',
          baseUrl,
          path,
          params,
          credentials: o.credentials,
          timestamp: signing.timestamp(),
          recvWindowMs: o.recvWindowMs,
        }),
      reader,
    );

  const connector: Connector = {
    exchange: 'binance',
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    async getServerTime() {
      const json = await send(
        ctx,
        { method: 'GET', path: route.timePath },
        async () => binancePublicRequest(host, route.timePath),
        reader,
      );
      const serverTime = Number((json as { serverTime?: unknown } | undefined)?.serverTime);
      if (!Number.isFinite(serverTime))
        throw new CtsError('exchange.bad_response', 'Binance: the time reply has no serverTime');
      return serverTime;
    },
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance(): Promise<Balance> {
      return NORMALIZE[route.balanceKind](await signedGet(host, route.balancePath, route.balanceParams));
    },
    async getPermissions(): Promise<Permissions> {
      try {
        return normalizeBinancePermissions(await signedGet(sapiHost, BINANCE_PERMISSIONS_PATH));
      } catch (err) {
        const error = toCtsError(err);
        if (o.environment === 'mainnet' || !sapiMissing(error)) throw error;
        o.logger.warn(
          'Binance permissions are not available on this environment; reporting them as unknown',
          {
            exchange: 'binance',
            environment: o.environment,
            code: error.code,
            exchangeCode: error.exchangeCode,
          },
        );
        return unknownPermissions();
      }
    },
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
