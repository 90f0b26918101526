import type { Environment, ExchangeId } from '../../exchanges/catalog.ts';

/**
 * Private-stream hosts and paths per exchange and environment (reference §1.6, 2.6, 3.6, 4.6, 5.6, 6.5).
 * `product` picks Binance's USD-M futures stream host; BingX's spot market stream uses `spot`.
 */
const WS_HOSTS: Record<ExchangeId, Partial<Record<Environment, Record<string, string>>>> = {
  bybit: {
    mainnet: { default: 'wss://stream.bybit.com' },
    testnet: { default: 'wss://stream-testnet.bybit.com' },
    demo: { default: 'wss://stream-demo.bybit.com' },
  },
  binance: {
    mainnet: { default: 'wss://ws-api.binance.com:443', futures: 'wss://fstream.binance.com' },
    testnet: { default: 'wss://ws-api.testnet.binance.vision', futures: 'wss://fstream.binancefuture.com' },
    demo: { default: 'wss://demo-ws-api.binance.com' },
  },
  okx: { mainnet: { default: 'wss://ws.okx.com:8443' }, demo: { default: 'wss://wspap.okx.com:8443' } },
  bingx: {
    mainnet: { default: 'wss://open-api-swap.bingx.com', spot: 'wss://open-api-ws.bingx.com' },
    demo: { default: 'wss://vst-open-api-ws.bingx.com' },
  },
  pionex: { mainnet: { default: 'wss://ws.pionex.com' } },
  orangex: { mainnet: { default: 'wss://api.orangex.com' } },
};

/**
 * The base a private stream path is appended to. With `baseUrl` (the simulator) the host is replaced like
 * REST's, scheme swapped http→ws: mainnet → `ws://host/<exchange>`, others → `ws://host/<exchange>-<env>`
 * (OKX demo included: its stream host differs from mainnet's even though its REST host does not).
 */
export function wsBaseUrl(
  exchange: ExchangeId,
  environment: Environment,
  product = 'default',
  baseUrl?: string,
): string {
  const hosts = WS_HOSTS[exchange][environment];
  if (!hosts) throw new TypeError(`environment: ${exchange} has no ${environment} stream`);
  if (baseUrl !== undefined) {
    const root = baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
    return environment === 'mainnet' ? `${root}/${exchange}` : `${root}/${exchange}-${environment}`;
  }
  const host = hosts[product] ?? hosts.default;
  if (!host) throw new TypeError(`environment: ${exchange} has no ${product} stream on ${environment}`);
  return host;
}
