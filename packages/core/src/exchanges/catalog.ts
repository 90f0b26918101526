/**
 * The exchange registry: one descriptor per exchange (./<id>.ts) and what is read from them — the seed's API-type
 * matrix, names, key types, passphrases, environments and regions.
 */
import type { KeyType } from '../crypto/asymmetric.ts';
import { binance } from './binance.ts';
import { bingx } from './bingx.ts';
import { bybit } from './bybit.ts';
import type { ExchangeDescriptor } from './descriptor.ts';
import {
  API_TYPES,
  type ApiType,
  DEFAULT_REGION,
  ENVIRONMENTS,
  type Environment,
  EXCHANGES,
  type ExchangeId,
  REGIONS,
  type Region,
} from './ids.ts';
import { okx } from './okx.ts';
import { orangex } from './orangex.ts';
import { pionex } from './pionex.ts';

export * from './ids.ts';

/** Every exchange's descriptor (a full Record: the type checker wants one per exchange). */
export const DESCRIPTORS: Record<ExchangeId, ExchangeDescriptor> = {
  bybit,
  binance,
  okx,
  bingx,
  pionex,
  orangex,
};

function byExchange<T>(read: (d: ExchangeDescriptor) => T): Record<ExchangeId, T> {
  return Object.fromEntries(EXCHANGES.map((id) => [id, read(DESCRIPTORS[id])])) as Record<ExchangeId, T>;
}

/** The seed's API Type Support Matrix. */
export const API_TYPE_MATRIX: Record<ExchangeId, readonly ApiType[]> = byExchange((d) => d.apiTypes);

export const EXCHANGE_NAMES: Record<ExchangeId, string> = byExchange((d) => d.name);

/** Exchanges whose keys come with a passphrase. */
export const PASSPHRASE_EXCHANGES: readonly ExchangeId[] = EXCHANGES.filter(
  (id) => DESCRIPTORS[id].passphrase,
);

/** The key types an exchange accepts. */
export function keyTypesOf(exchange: ExchangeId): readonly KeyType[] {
  return DESCRIPTORS[exchange].keyTypes;
}

/** The environments an exchange has, in ENVIRONMENTS order. */
export function environmentsOf(exchange: ExchangeId): Environment[] {
  return ENVIRONMENTS.filter((e) => DESCRIPTORS[exchange].environments[e] !== undefined);
}

/** Whether the exchange has the environment. */
export function hasEnvironment(exchange: ExchangeId, environment: Environment): boolean {
  return DESCRIPTORS[exchange].environments[environment] !== undefined;
}

/** The environment `is_testnet: true` means for this exchange: its testnet, else its demo, else none. */
export function testEnvironmentOf(exchange: ExchangeId): Environment | undefined {
  if (hasEnvironment(exchange, 'testnet')) return 'testnet';
  if (hasEnvironment(exchange, 'demo')) return 'demo';
  return undefined;
}

/** The regions of one environment (`global` first), or of all environments when none is named. */
export function regionsOf(exchange: ExchangeId, environment?: Environment): Region[] {
  const envs = environment ? [environment] : environmentsOf(exchange);
  const found = new Set<Region>();
  for (const e of envs)
    for (const region of Object.keys(DESCRIPTORS[exchange].environments[e] ?? {}))
      found.add(region as Region);
  return [...found];
}

/** Whether the exchange has more than one region (then a connection names one; else its region is null). */
export function hasRegions(exchange: ExchangeId): boolean {
  return regionsOf(exchange).some((r) => r !== DEFAULT_REGION);
}

/** Whether the exchange serves `environment` in `region`. */
export function hasRegion(exchange: ExchangeId, environment: Environment, region: Region): boolean {
  return DESCRIPTORS[exchange].environments[environment]?.[region] !== undefined;
}

export function isExchangeId(value: unknown): value is ExchangeId {
  return typeof value === 'string' && (EXCHANGES as readonly string[]).includes(value);
}

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

export function isApiType(value: unknown): value is ApiType {
  return typeof value === 'string' && (API_TYPES as readonly string[]).includes(value);
}

/** Whether the seed's matrix allows this API type on this exchange. */
export function supportsApiType(exchange: ExchangeId, apiType: ApiType): boolean {
  return API_TYPE_MATRIX[exchange].includes(apiType);
}
