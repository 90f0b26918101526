import { restBaseUrl } from '../../exchanges/hosts.ts';
import { type ReplyReader, send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import type { Connector, ConnectorOptions } from '../types.ts';
import { PIONEX_PATHS, pionexAccountOf } from './endpoints.ts';
import {
  normalizePionexFuturesBalance,
  normalizePionexSpotBalance,
  pionexProbedPermissions,
} from './normalize.ts';
import { createPionexReaders } from './reader.ts';
import { signPionexRequest } from './signer.ts';

/**
 * A Pionex connector: `rest`/`websocket`/`spot` read the spot trading account, `perpetual_futures` the USDT-M
 * futures account (Pionex's "Futures API (Beta)"). Mainnet only. Permissions are reported `unknown`.
 *
 * @example
 * const pionex = createPionexConnector({ exchange: 'pionex', apiType: 'spot', credentials: { apiKey, apiSecret } });
 * const result = await pionex.testConnection();
 */
export function createPionexConnector(options: ConnectorOptions): Connector {
  const o = resolveOptions(options);
  if (o.exchange !== 'pionex') throw new TypeError('exchange: createPionexConnector needs exchange "pionex"');
  const ctx = httpContext(o, accountScope(options));
  const baseUrl = restBaseUrl('pionex', o.environment, 'default', o.baseUrl);
  const readers = createPionexReaders(o.clock);
  const account = pionexAccountOf(o.apiType);
  const balancePath = account === 'futures' ? PIONEX_PATHS.futuresBalance : PIONEX_PATHS.spotBalance;
  const signing = createSigningClock(o, baseUrl);

  const signedGet = <T>(path: string, reader: ReplyReader<T>): Promise<T> =>
    send(
      ctx,
      { method: 'GET', path },
      () =>
        signPionexRequest({
          method: 'GET',
          baseUrl,
          path,
          apiKey: o.credentials.apiKey,
          apiSecret: o.credentials.apiSecret,
          timestamp: signing.timestamp(),
        }),
      reader,
    );

  const connector: Connector = {
    exchange: 'pionex',
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    /**
     * Pionex has no server-time endpoint and the reference documents no public one to borrow, but every reply
     * carries `timestamp` (ms): we read it from the signed spot balance call (weight 1), error replies included,
     * so a clock too far off for the signature still yields the server's time.
     */
    getServerTime: () => signedGet(PIONEX_PATHS.spotBalance, readers.serverTime),
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance() {
      const { data } = await signedGet(balancePath, readers.envelope);
      return account === 'futures' ? normalizePionexFuturesBalance(data) : normalizePionexSpotBalance(data);
    },
    async getPermissions() {
      // Probe with the cheapest read endpoint (spot balances, weight 1, where futures balances weigh 5):
      // PERMISSION_DENIED there surfaces as auth.permission.
      await signedGet(PIONEX_PATHS.spotBalance, readers.envelope);
      return pionexProbedPermissions();
    },
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
