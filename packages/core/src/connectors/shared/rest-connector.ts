import type { ExchangeId } from '../../exchanges/catalog.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import type { CallOptions, Connector, ConnectorOptions } from '../types.ts';
import { accountScope, httpContext, resolveOptions } from './options.ts';
import { withPlacementHint } from './placement-hint.ts';
import type { RestContext, RestProtocol } from './rest-protocol.ts';
import { createSigningClock, type SigningClock } from './signing-clock.ts';
import { runConnectionTest } from './test-runner.ts';

/**
 * The one REST engine: validates the options, builds the exchange's protocol for this account (hosts of its
 * environment and region), keeps the signing clock (synced against the protocol's `clockHost`), adds where a
 * refused key may belong to its hint, and runs the shared connection test.
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
  const context: RestContext = {
    options: o,
    http: httpContext(o, accountScope(options)),
    baseUrl: (product = 'default') => restBaseUrl(exchange, o.environment, product, o.baseUrl, o.region),
    timestamp: () => (signing ? signing.timestamp() : Math.round(o.clock.now())),
  };
  const protocol = build(context);
  const clock = createSigningClock(o, protocol.clockHost);
  signing = clock;
  /** A refused key gets the hint of where else it may belong (environment, region), from the descriptor. */
  const placed =
    <T>(call: (options?: CallOptions) => Promise<T>) =>
    (options?: CallOptions): Promise<T> =>
      call(options).catch((err: unknown) => {
        throw withPlacementHint(err, exchange, o.environment, o.region);
      });
  const connector: Connector = {
    exchange,
    apiType: o.apiType,
    environment: o.environment,
    get clockOffsetMs() {
      return clock.offsetMs;
    },
    getServerTime: placed((call) => protocol.serverTime(call)),
    // Each sample gets its own HTTP context that reports when its request left (after the limiter's permit).
    syncClock: (samples = 3, call) =>
      clock.sync(
        (onSent) =>
          placed((c) => build({ ...context, http: { ...context.http, onSent } }).serverTime(c))(call),
        samples,
      ),
    getBalance: placed((call) => protocol.balance(call)),
    getPermissions: placed((call) => protocol.permissions(call)),
    testConnection: (options) => runConnectionTest(connector, o.clock, options),
  };
  return connector;
}
