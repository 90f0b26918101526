/** The names every exchange descriptor is written in: exchange ids, API types, environments, regions. */

export const EXCHANGES = ['bybit', 'binance', 'okx', 'bingx', 'pionex', 'orangex'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

export const API_TYPES = ['rest', 'websocket', 'unified', 'perpetual_futures', 'spot', 'margin'] as const;
export type ApiType = (typeof API_TYPES)[number];

export const ENVIRONMENTS = ['mainnet', 'testnet', 'demo'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * The legal entities an exchange serves from their own hosts (a key belongs to one): `global` everywhere, OKX
 * `eea` and `us`, Bybit's regional hosts (reference §1.1: nl, tr, kz, ge, ae, eu, id, jp).
 */
export const REGIONS = ['global', 'eea', 'us', 'eu', 'nl', 'tr', 'kz', 'ge', 'ae', 'id', 'jp'] as const;
export type Region = (typeof REGIONS)[number];

/** The region of every exchange that has only one, and the default where there are several. */
export const DEFAULT_REGION: Region = 'global';
