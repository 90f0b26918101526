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

/** Each exchange's connector factory (a full Record: the type checker wants one per exchange); options arrive validated. */
const FACTORIES: Record<ExchangeId, (options: ConnectorOptions) => Connector> = {
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
  const connector = FACTORIES[resolved.exchange](options);
  return resolved.apiType === 'websocket' ? withStreamTest(connector, options) : connector;
}
