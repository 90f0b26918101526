import type { ReplyReader } from '../shared/http.ts';
import { forCall, send } from '../shared/http.ts';
import { createRestConnector } from '../shared/rest-connector.ts';
import type { RestContext, RestProtocol } from '../shared/rest-protocol.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
import { PIONEX_PATHS, pionexAccountOf } from './endpoints.ts';
import {
  normalizePionexFuturesBalance,
  normalizePionexSpotBalance,
  pionexProbedPermissions,
} from './normalize.ts';
import { createPionexReaders } from './reader.ts';
import { signPionexRequest } from './signer.ts';

/** Pionex's REST protocol: spot or USDT-M futures balances; the server time from any reply; permissions probed. */
export function createPionexRest({ options: o, http, baseUrl: base, timestamp }: RestContext): RestProtocol {
  const baseUrl = base();
  const readers = createPionexReaders(o.clock);
  const account = pionexAccountOf(o.apiType);
  const balancePath = account === 'futures' ? PIONEX_PATHS.futuresBalance : PIONEX_PATHS.spotBalance;

  const signedGet = <T>(path: string, reader: ReplyReader<T>, call?: CallOptions): Promise<T> =>
    send(
      forCall(http, call),
      { method: 'GET', path },
      () =>
        signPionexRequest({
          method: 'GET',
          baseUrl,
          path,
          apiKey: o.credentials.apiKey,
          apiSecret: o.credentials.apiSecret,
          timestamp: timestamp(),
        }),
      reader,
    );

  return {
    clockHost: baseUrl,
    /**
     * Pionex has no server-time endpoint and the reference documents no public one to borrow, but every reply
     * carries `timestamp` (ms): we read it from the signed spot balance call (weight 1), error replies included,
     * so a clock too far off for the signature still yields the server's time.
     */
    serverTime: (call) => signedGet(PIONEX_PATHS.spotBalance, readers.serverTime, call),
    async balance(call) {
      const { data } = await signedGet(balancePath, readers.envelope, call);
      return account === 'futures' ? normalizePionexFuturesBalance(data) : normalizePionexSpotBalance(data);
    },
    async permissions(call) {
      // Probe with the cheapest read endpoint (spot balances, weight 1, where futures balances weigh 5):
      // PERMISSION_DENIED there surfaces as auth.permission.
      await signedGet(PIONEX_PATHS.spotBalance, readers.envelope, call);
      return pionexProbedPermissions();
    },
  };
}

/**
 * A Pionex connector: `rest`/`websocket`/`spot` read the spot trading account, `perpetual_futures` the USDT-M
 * futures account (Pionex's "Futures API (Beta)"). Mainnet only. Permissions are reported `unknown`.
 *
 * @example
 * const pionex = createPionexConnector({ exchange: 'pionex', apiType: 'spot', credentials: { apiKey, apiSecret } });
 * const result = await pionex.testConnection();
 */
export function createPionexConnector(options: ConnectorOptions): Connector {
  return createRestConnector('pionex', createPionexRest, options);
}
