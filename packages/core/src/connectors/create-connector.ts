import type { ExchangeId } from '../exchanges/catalog.ts';
import { createBinanceConnector } from './binance/binance-connector.ts';
import { createBingxConnector } from './bingx/bingx-connector.ts';
import { createBybitConnector } from './bybit/bybit-connector.ts';
import { createOkxConnector } from './okx/okx-connector.ts';
import { createOrangexConnector } from './orangex/orangex-connector.ts';
import { createPionexConnector } from './pionex/pionex-connector.ts';
import { resolveOptions } from './shared/options.ts';
import { withStreamTest } from './shared/ws-streams.ts';
import type { Connector, ConnectorOptions } from './types.ts';

/** Each exchange's connector factory; options arrive validated. */
const FACTORIES: Partial<Record<ExchangeId, (options: ConnectorOptions) => Connector>> = {
  // Each exchange folder registers its factory here, e.g. `bybit: createBybitConnector`.
  bingx: createBingxConnector,
  binance: createBinanceConnector,
  bybit: createBybitConnector,
  okx: createOkxConnector,
  orangex: createOrangexConnector,
  pionex: createPionexConnector,
};

/**
 * Creates a connector for one exchange account and API type.
 *
 * @example
 * const c = createConnector({ exchange: 'binance', apiType: 'spot', credentials: { apiKey, apiSecret } });
 * const result = await c.testConnection();
 */
export function createConnector(options: ConnectorOptions): Connector {
  const resolved = resolveOptions(options);
  const factory = FACTORIES[resolved.exchange];
  if (!factory) throw new TypeError(`exchange: no connector is registered for ${resolved.exchange}`);
  const connector = factory(options);
  return resolved.apiType === 'websocket' ? withStreamTest(connector, options) : connector;
}
