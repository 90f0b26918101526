import type { ExchangeId } from '../exchanges/catalog.ts';
import { resolveOptions } from './shared/options.ts';
import type { Connector, ConnectorOptions } from './types.ts';

/** Each exchange's connector factory; options arrive validated. */
const FACTORIES: Partial<Record<ExchangeId, (options: ConnectorOptions) => Connector>> = {
  // Each exchange folder registers its factory here, e.g. `bybit: createBybitConnector`.
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
  return factory(options);
}
