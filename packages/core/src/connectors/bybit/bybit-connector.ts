import { forCall, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
import {
  BYBIT_BALANCE_PATH,
  BYBIT_PERMISSIONS_PATH,
  BYBIT_TIME_PATH,
  bybitBalanceParams,
} from './endpoints.ts';
import { bybitServerTime, normalizeBybitBalance, normalizeBybitPermissions } from './normalize.ts';
import { createBybitReader } from './reader.ts';
import { type BybitParams, bybitPublicRequest, signBybitRequest } from './signer.ts';

/** Bybit V5's REST protocol: HMAC or RSA signed GETs, the Unified Trading Account for every API type. */
export function createBybitRest({ options: o, http, baseUrl, timestamp }: RestContext): RestProtocol {
  const host = baseUrl();
  const balanceParams = bybitBalanceParams(o.apiType);
  const reader = createBybitReader(o.clock);

  const signedGet = async (path: string, params: BybitParams = [], call?: CallOptions) =>
    (
      await send(
        forCall(http, call),
        { method: 'GET', path },
        () =>
          signBybitRequest({
            method: 'GET',
            baseUrl: host,
            path,
            params,
            credentials: o.credentials,
            timestamp: timestamp(),
            recvWindowMs: o.recvWindowMs,
          }),
        reader,
      )
    ).result;

  return {
    clockHost: host,
    async serverTime(call) {
      const envelope = await send(
        forCall(http, call),
        { method: 'GET', path: BYBIT_TIME_PATH },
        async () => bybitPublicRequest(host, BYBIT_TIME_PATH),
        reader,
      );
      return bybitServerTime(envelope);
    },
    balance: async (call) => normalizeBybitBalance(await signedGet(BYBIT_BALANCE_PATH, balanceParams, call)),
    permissions: async (call) => normalizeBybitPermissions(await signedGet(BYBIT_PERMISSIONS_PATH, [], call)),
  };
}

/**
 * A Bybit V5 connector for every API type of the matrix (all read the Unified Trading Account), with HMAC
 * or RSA keys, on mainnet, testnet or demo.
 *
 * @example
 * const c = createBybitConnector({ exchange: 'bybit', apiType: 'unified', credentials: { apiKey, apiSecret } });
 * const result = await c.testConnection();
 */
export function createBybitConnector(options: ConnectorOptions): Connector {
  return createRestConnector('bybit', createBybitRest, options);
}
