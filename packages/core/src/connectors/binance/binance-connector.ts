import { CtsError, toCtsError } from '../../errors/cts-error.ts';
import { forCall, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import { unknownPermissions } from '../shared/unknown-permissions.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
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
 * Binance's REST protocol: spot and margin on the default host, USDⓈ-M on the futures host, permissions on
 * SAPI (reported unknown where a test environment has no SAPI).
 */
export function createBinanceRest({ options: o, http, baseUrl, timestamp }: RestContext): RestProtocol {
  const route = binanceRoute(o.apiType);
  const host = baseUrl(route.product);
  const sapiHost = baseUrl('default');
  const reader = createBinanceReader(o.clock);

  const signedGet = (base: string, path: string, params: BinanceParams = [], call?: CallOptions) =>
    send(
      forCall(http, call),
      { method: 'GET', path },
      () =>
        signBinanceRequest({
          method: 'GET',
          baseUrl: base,
          path,
          params,
          credentials: o.credentials,
          timestamp: timestamp(),
          recvWindowMs: o.recvWindowMs,
        }),
      reader,
    );

  return {
    clockHost: host,
    async serverTime(call) {
      const json = await send(
        forCall(http, call),
        { method: 'GET', path: route.timePath },
        async () => binancePublicRequest(host, route.timePath),
        reader,
      );
      const serverTime = Number((json as { serverTime?: unknown } | undefined)?.serverTime);
      if (!Number.isFinite(serverTime))
        throw new CtsError('exchange.bad_response', 'Binance: the time reply has no serverTime');
      return serverTime;
    },
    balance: async (call) =>
      NORMALIZE[route.balanceKind](await signedGet(host, route.balancePath, route.balanceParams, call)),
    async permissions(call) {
      try {
        return normalizeBinancePermissions(await signedGet(sapiHost, BINANCE_PERMISSIONS_PATH, [], call));
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
  };
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
  return createRestConnector('binance', createBinanceRest, options);
}
