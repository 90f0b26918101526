import { DESCRIPTORS, hasRegions } from './catalog.ts';
import type { ExchangeHosts } from './descriptor.ts';
import { DEFAULT_REGION, type Environment, type ExchangeId, type Region } from './ids.ts';

/** The hosts of an environment in a region, from the descriptor; a TypeError names what is missing. */
export function hostsOf(
  exchange: ExchangeId,
  environment: Environment,
  region: Region = DEFAULT_REGION,
): ExchangeHosts {
  const env = DESCRIPTORS[exchange].environments[environment];
  if (!env) throw new TypeError(`environment: ${exchange} has no ${environment} environment`);
  const hosts = env[region];
  if (!hosts) throw new TypeError(`region: ${exchange} has no ${region} region on ${environment}`);
  return hosts;
}

/** `-<region>` for a region other than the default, '' otherwise: the simulator's routing suffix. */
function regionSuffix(exchange: ExchangeId, region: Region): string {
  return region === DEFAULT_REGION || !hasRegions(exchange) ? '' : `-${region}`;
}

function root(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/**
 * The REST base URL a request goes to. With `baseUrl` (the simulator, a proxy) the exchange's host is replaced:
 * `${baseUrl}/${exchange}`, then `-${environment}` off mainnet (except where the exchange uses its mainnet host
 * for it: OKX demo), then `-${region}` off the default region (`/okx-eea`, `/bybit-testnet-jp`). The real path
 * follows.
 */
export function restBaseUrl(
  exchange: ExchangeId,
  environment: Environment,
  product: 'default' | 'futures' = 'default',
  baseUrl?: string,
  region: Region = DEFAULT_REGION,
): string {
  const hosts = hostsOf(exchange, environment, region);
  if (baseUrl !== undefined) {
    const mainnet = DESCRIPTORS[exchange].environments.mainnet?.[region];
    const sameHostAsMainnet = hosts.rest.default === mainnet?.rest.default;
    const env = environment === 'mainnet' || sameHostAsMainnet ? '' : `-${environment}`;
    return `${root(baseUrl)}/${exchange}${env}${regionSuffix(exchange, region)}`;
  }
  return product === 'futures' && hosts.rest.futures ? hosts.rest.futures : hosts.rest.default;
}

/**
 * The base a private stream path is appended to. With `baseUrl` (the simulator) the host is replaced like
 * REST's, scheme swapped http→ws: `ws://host/<exchange>[-<environment>][-<region>]` (OKX demo included: its
 * stream host differs from mainnet's even though its REST host does not). `product` picks Binance's USD-M
 * futures stream host, BingX's spot one.
 */
export function wsBaseUrl(
  exchange: ExchangeId,
  environment: Environment,
  product = 'default',
  baseUrl?: string,
  region: Region = DEFAULT_REGION,
): string {
  const env = DESCRIPTORS[exchange].environments[environment];
  if (!env) throw new TypeError(`environment: ${exchange} has no ${environment} stream`);
  const hosts = env[region]?.ws;
  if (!hosts) throw new TypeError(`region: ${exchange} has no known private stream host in ${region}`);
  if (baseUrl !== undefined) {
    const suffix = `${environment === 'mainnet' ? '' : `-${environment}`}${regionSuffix(exchange, region)}`;
    return `${root(baseUrl).replace(/^http/, 'ws')}/${exchange}${suffix}`;
  }
  const host = hosts[product] ?? hosts.default;
  return host;
}
