import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { accountScope, httpContext, resolveOptions } from '../shared/options.ts';
import { createSigningClock } from '../shared/signing-clock.ts';
import { runConnectionTest } from '../shared/test-runner.ts';
import type { Balance, Connector, ConnectorOptions, Permissions } from '../types.ts';
import { OKX_PERMISSIONS_PATH, OKX_TIME_PATH, okxBalancePath } from './endpoints.ts';
import { normalizeOkxBalance, normalizeOkxPermissions, okxServerTime } from './normalize.ts';
import { createOkxReader } from './reader.ts';
import { okxPublicRequest, signOkxRequest } from './signer.ts';

/**
 * An OKX V5 connector (trading account) on mainnet or demo trading (same host + `x-simulated-trading: 1`).
 * OKX has no testnet: `environment: 'testnet'` is a TypeError.
 *
 * @example
 * const c = createOkxConnector({ exchange: 'okx', apiType: 'spot', credentials: { apiKey, apiSecret, passphrase } });
 * const result = await c.testConnection();
 */
export function createOkxConnector(options: ConnectorOptions): Connector {
  const o = resolveOptions(options);
  if (o.exchange !== 'okx') throw new TypeError('exchange: createOkxConnector needs exchange "okx"');
  const ctx = httpContext(o, accountScope(options));
  const host = restBaseUrl('okx', o.environment, 'default', o.baseUrl);
  const simulated = o.environment === 'demo';
  const balancePath = okxBalancePath(o.apiType);
  const reader = createOkxReader(o.clock);
  const signing = createSigningClock(o, host);

  const signedGet = (path: string) =>
    send(
      ctx,
      { method: 'GET', path },
      () =>
        signOkxRequest({
          method: 'GET',
          baseUrl: host,
          path,
          credentials: o.credentials,
          timestamp: signing.timestamp(),
          simulated,
        }),
      reader,
    );

  const connector: Connector = {
    exchange: 'okx',
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return signing.offsetMs;
    },
    async getServerTime() {
      const data = await send(
        ctx,
        { method: 'GET', path: OKX_TIME_PATH },
        async () => okxPublicRequest(host, OKX_TIME_PATH, simulated),
        reader,
      );
      return okxServerTime(data);
    },
    syncClock: (samples = 3) => signing.sync(() => connector.getServerTime(), samples),
    async getBalance(): Promise<Balance> {
      return normalizeOkxBalance(await signedGet(balancePath));
    },
    async getPermissions(): Promise<Permissions> {
      return normalizeOkxPermissions(await signedGet(OKX_PERMISSIONS_PATH));
    },
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
