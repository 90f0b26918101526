import { forCall, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
import { OKX_PERMISSIONS_PATH, OKX_TIME_PATH, okxBalancePath } from './endpoints.ts';
import { normalizeOkxBalance, normalizeOkxPermissions, okxServerTime } from './normalize.ts';
import { createOkxReader } from './reader.ts';
import { okxPublicRequest, signOkxRequest } from './signer.ts';

/** OKX V5's REST protocol: the trading account; demo trading is the same host with `x-simulated-trading: 1`. */
export function createOkxRest({ options: o, http, baseUrl, timestamp }: RestContext): RestProtocol {
  const host = baseUrl();
  const simulated = o.environment === 'demo';
  const balancePath = okxBalancePath(o.apiType);
  const reader = createOkxReader(o.clock);

  const signedGet = (path: string, call?: CallOptions) =>
    send(
      forCall(http, call),
      { method: 'GET', path },
      () =>
        signOkxRequest({
          method: 'GET',
          baseUrl: host,
          path,
          credentials: o.credentials,
          timestamp: timestamp(),
          simulated,
        }),
      reader,
    );

  return {
    clockHost: host,
    async serverTime(call) {
      const data = await send(
        forCall(http, call),
        { method: 'GET', path: OKX_TIME_PATH },
        async () => okxPublicRequest(host, OKX_TIME_PATH, simulated),
        reader,
      );
      return okxServerTime(data);
    },
    balance: async (call) => normalizeOkxBalance(await signedGet(balancePath, call)),
    permissions: async (call) => normalizeOkxPermissions(await signedGet(OKX_PERMISSIONS_PATH, call)),
  };
}

/**
 * An OKX V5 connector (trading account) on mainnet or demo trading (same host + `x-simulated-trading: 1`).
 * OKX has no testnet: `environment: 'testnet'` is a TypeError.
 *
 * @example
 * const c = createOkxConnector({ exchange: 'okx', apiType: 'spot', credentials: { apiKey, apiSecret, passphrase } });
 * const result = await c.testConnection();
 */
export function createOkxConnector(options: ConnectorOptions): Connector {
  return createRestConnector('okx', createOkxRest, options);
}
