import type { ExchangeId } from '../../exchanges/catalog.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import type { Connector, ConnectorOptions } from '../types.ts';
import { accountScope, httpContext, resolveOptions } from './options.ts';
import type { RestContext, RestProtocol } from './rest-protocol.ts';
import { createSigningClock, type SigningClock } from './signing-clock.ts';
import { runConnectionTest } from './test-runner.ts';

/**
 * The one REST engine: validates the options, builds the exchange's protocol for this account, keeps the
 * signing clock (synced against the protocol's `clockHost`) and runs the shared connection test.
 *
 * @example
 * export const createBybitConnector = (options: ConnectorOptions) =>
 *   createRestConnector('bybit', createBybitRest, options);
 */
export function createRestConnector(
  exchange: ExchangeId,
  build: (ctx: RestContext) => RestProtocol,
  options: ConnectorOptions,
): Connector {
  const o = resolveOptions(options);
  if (o.exchange !== exchange) throw new TypeError(`exchange: this connector needs exchange "${exchange}"`);
  let signing: SigningClock | undefined;
  const protocol = build({
    options: o,
    http: httpContext(o, accountScope(options)),
    baseUrl: (product = 'default') => restBaseUrl(exchange, o.environment, product, o.baseUrl),
    timestamp: () => (signing ? signing.timestamp() : Math.round(o.clock.now())),
  });
  const clock = createSigningClock(o, protocol.clockHost);
  signing = clock;
  const connector: Connector = {
    exchange,
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return clock.offsetMs;
    },
    getServerTime: () => protocol.serverTime(),
    syncClock: (samples = 3) => clock.sync(() => connector.getServerTime(), samples),
    getBalance: () => protocol.balance(),
    getPermissions: () => protocol.permissions(),
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
