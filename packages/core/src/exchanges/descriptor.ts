import type { KeyType } from '../crypto/asymmetric.ts';
import type { ExchangeRules } from '../limiter/rules/types.ts';
import type { ApiType, Environment, ExchangeId, Region } from './ids.ts';

/** The hosts of one environment in one region. */
export interface ExchangeHosts {
  /** REST base URLs: `default`; Binance's USDⓈ-M futures on `futures`. */
  rest: { default: string; futures?: string };
  /**
   * Private-stream base URLs: `default`; Binance's USDⓈ-M `futures`, BingX's `spot`. Absent where no private
   * stream host is known (Bybit's regional entities): `websocket` is then not offered there.
   */
  ws?: { default: string } & Partial<Record<string, string>>;
}

/**
 * What CTS knows about one exchange as data, in the spirit of ccxt's `describe()`: its name, the seed's API-type
 * matrix row, the key types and passphrase it takes, its environments and regions with their hosts, and its
 * rate limits (published and the seed's). The code that speaks its protocol (REST signing and readers, error map,
 * stream protocol) is in `connectors/<id>/protocol.ts`; `describeExchange(id)` joins both.
 */
export interface ExchangeDescriptor {
  id: ExchangeId;
  /** Display name: 'OKX'. */
  name: string;
  /** The seed's API Type Support Matrix row. */
  apiTypes: readonly ApiType[];
  /** Key types the exchange signs with (HMAC everywhere; RSA on Bybit and Binance; Ed25519 on Binance). */
  keyTypes: readonly KeyType[];
  /** Whether its keys come with a passphrase (OKX). */
  passphrase: boolean;
  /**
   * Hosts per environment, then per region. An environment missing here does not exist for the exchange; the
   * `global` region is the default and present in every environment.
   */
  environments: Partial<
    Record<Environment, Partial<Record<Region, ExchangeHosts>> & { global: ExchangeHosts }>
  >;
  /** Rate limits: the exchange's published limits and the seed's table (see limiter/rules). */
  limits: { published: ExchangeRules; seed: ExchangeRules };
}
