import { PROTOCOLS } from './protocols.ts';
import { resolveOptions } from './shared/options.ts';
import { createRestConnector } from './shared/rest-connector.ts';
import { withStreamTest } from './shared/ws-streams.ts';
import type { Connector, ConnectorOptions } from './types.ts';

/**
 * Creates a connector for one exchange account and API type: the REST engine over the exchange's REST
 * protocol, with the private-stream test for apiType `websocket`.
 *
 * @example
 * const c = createConnector({ exchange: 'binance', apiType: 'spot', credentials: { apiKey, apiSecret } });
 * const result = await c.testConnection();
 */
export function createConnector(options: ConnectorOptions): Connector {
  const { exchange, apiType } = resolveOptions(options);
  const connector = createRestConnector(exchange, PROTOCOLS[exchange].rest, options);
  return apiType === 'websocket' ? withStreamTest(connector, options) : connector;
}
