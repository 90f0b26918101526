import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import type { Balance, Connector, ConnectorOptions, Permissions } from '../types.ts';
import {
  BYBIT_BALANCE_PATH,
  BYBIT_PERMISSIONS_PATH,
  BYBIT_TIME_PATH,
  bybitBalanceParams,
} from './endpoints.ts';
import { bybitServerTime, normalizeBybitBalance, normalizeBybitPermissions } from './normalize.ts';
import { createBybitReader } from './reader.ts';
import { type BybitParams, bybitPublicRequest, signBybitRequest } from './signer.ts';

/**
 * A Bybit V5 connector for every API type of the matrix (all read the Unified Trading Account), with HMAC
 * or RSA keys, on mainnet, testnet or demo.
 *
 * @example
 * const c = createBybitConnector({ exchange: 'bybit', apiType: 'unified', credentials: { apiKey, apiSecret } });
 * const result = await c.testConnection();
 */
export function createBybitConnector(options: ConnectorOptions): Connector {
  const o = resolveOptions(options);
  if (o.exchange !== 'bybit') throw new TypeError('exchange: createBybitConnector needs exchange "bybit"');
  const ctx = httpContext(o, accountScope(options));
  const host = restBaseUrl('bybit', o.environment, 'default', o.baseUrl);
  const balanceParams = bybitBalanceParams(o.apiType);
  const reader = createBybitReader(o.clock);
  const signing = createSigningClock(o, host);

  const signedGet = async (path: string, params: BybitParams = []) =>
    (
      await send(
        ctx,
        { method: 'GET', path },
        () =>
          signBybitRequest({
            method: 'GET',
            baseUrl: host,
            path,
            params,
            credentials: o.credentials,
            timestamp: signing.timestamp(),
            recvWindowMs: o.recvWindowMs,
          }),
        reader,
      )
    ).result;

  const connector: Connector = {
    exchange: 'bybit',
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    async getServerTime() {
      const envelope = await send(
        ctx,
        { method: 'GET', path: BYBIT_TIME_PATH },
        async () => bybitPublicRequest(host, BYBIT_TIME_PATH),
        reader,
      );
      return bybitServerTime(envelope);
    },
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance(): Promise<Balance> {
      return normalizeBybitBalance(await signedGet(BYBIT_BALANCE_PATH, balanceParams));
    },
    async getPermissions(): Promise<Permissions> {
      return normalizeBybitPermissions(await signedGet(BYBIT_PERMISSIONS_PATH));
    },
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
