/**
 * The six exchanges, the seed's API-type matrix, and each exchange's environments and hosts
 * (hosts from ../shared/reference/exchanges.md).
 */

export const EXCHANGES = ['bybit', 'binance', 'okx', 'bingx', 'pionex', 'orangex'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

export const API_TYPES = ['rest', 'websocket', 'unified', 'perpetual_futures', 'spot', 'margin'] as const;
export type ApiType = (typeof API_TYPES)[number];

export const ENVIRONMENTS = ['mainnet', 'testnet', 'demo'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The seed's API Type Support Matrix. */
export const API_TYPE_MATRIX: Record<ExchangeId, readonly ApiType[]> = {
  bybit: ['rest', 'websocket', 'unified', 'perpetual_futures', 'spot', 'margin'],
  binance: ['rest', 'websocket', 'perpetual_futures', 'spot', 'margin'],
  okx: ['rest', 'websocket', 'perpetual_futures', 'spot', 'margin'],
  bingx: ['rest', 'websocket', 'perpetual_futures', 'spot'],
  pionex: ['rest', 'websocket', 'perpetual_futures', 'spot'],
  orangex: ['rest', 'websocket', 'perpetual_futures', 'spot'],
};

export const EXCHANGE_NAMES: Record<ExchangeId, string> = {
  bybit: 'Bybit',
  binance: 'Binance',
  okx: 'OKX',
  bingx: 'BingX',
  pionex: 'Pionex',
  orangex: 'OrangeX',
};

/**
 * REST hosts per environment. Binance has one host per product (spot/sapi vs USD-M futures).
 * An environment missing here does not exist for that exchange.
 */
export const REST_HOSTS: Record<
  ExchangeId,
  Partial<Record<Environment, { default: string; futures?: string }>>
> = {
  bybit: {
    mainnet: { default: 'https://api.bybit.com' },
    testnet: { default: 'https://api-testnet.bybit.com' },
    demo: { default: 'https://api-demo.bybit.com' },
  },
  binance: {
    mainnet: { default: 'https://api.binance.com', futures: 'https://fapi.binance.com' },
    testnet: { default: 'https://testnet.binance.vision', futures: 'https://testnet.binancefuture.com' },
    demo: { default: 'https://demo-api.binance.com', futures: 'https://demo-fapi.binance.com' },
  },
  okx: {
    mainnet: { default: 'https://www.okx.com' },
    // Demo trading: same host, header `x-simulated-trading: 1`.
    demo: { default: 'https://www.okx.com' },
  },
  bingx: {
    mainnet: { default: 'https://open-api.bingx.com' },
    demo: { default: 'https://open-api-vst.bingx.com' },
  },
  pionex: { mainnet: { default: 'https://api.pionex.com' } },
  orangex: { mainnet: { default: 'https://api.orangex.com' } },
};

/** Whether the exchange has the environment. */
export function hasEnvironment(exchange: ExchangeId, environment: Environment): boolean {
  return REST_HOSTS[exchange][environment] !== undefined;
}

/** The environment `is_testnet: true` means for this exchange: its testnet, else its demo, else none. */
export function testEnvironmentOf(exchange: ExchangeId): Environment | undefined {
  if (hasEnvironment(exchange, 'testnet')) return 'testnet';
  if (hasEnvironment(exchange, 'demo')) return 'demo';
  return undefined;
}

/**
 * The base URL a request goes to. With `baseUrl` (the simulator, a proxy) the exchange's host is replaced:
 * mainnet → `${baseUrl}/${exchange}`, other environments → `${baseUrl}/${exchange}-${environment}`,
 * except where the exchange itself uses the same host for them (OKX demo). The real path follows.
 */
export function restBaseUrl(
  exchange: ExchangeId,
  environment: Environment,
  product: 'default' | 'futures' = 'default',
  baseUrl?: string,
): string {
  const hosts = REST_HOSTS[exchange][environment];
  if (!hosts) throw new TypeError(`environment: ${exchange} has no ${environment} environment`);
  if (baseUrl !== undefined) {
    const root = baseUrl.replace(/\/+$/, '');
    const sameHostAsMainnet = hosts.default === REST_HOSTS[exchange].mainnet?.default;
    return environment === 'mainnet' || sameHostAsMainnet
      ? `${root}/${exchange}`
      : `${root}/${exchange}-${environment}`;
  }
  return product === 'futures' && hosts.futures ? hosts.futures : hosts.default;
}

export function isExchangeId(value: unknown): value is ExchangeId {
  return typeof value === 'string' && (EXCHANGES as readonly string[]).includes(value);
}

export function isApiType(value: unknown): value is ApiType {
  return typeof value === 'string' && (API_TYPES as readonly string[]).includes(value);
}

/** Whether the seed's matrix allows this API type on this exchange. */
export function supportsApiType(exchange: ExchangeId, apiType: ApiType): boolean {
  return API_TYPE_MATRIX[exchange].includes(apiType);
}

/** Exchanges whose keys come with a passphrase. */
export const PASSPHRASE_EXCHANGES: readonly ExchangeId[] = ['okx'];
