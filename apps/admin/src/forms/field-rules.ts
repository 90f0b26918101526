import type { ApiType, Environment, ExchangeId, KeyType, Region } from '@cts/core';
import {
  API_TYPE_MATRIX,
  environmentsOf,
  hasRegions,
  keyTypesOf,
  PASSPHRASE_EXCHANGES,
  regionsOf,
} from '@cts/core';

/** Which fields the add/edit form shows for an exchange and API type. */
export interface FieldRules {
  apiTypes: readonly ApiType[];
  passphrase: boolean;
  futures: boolean;
  keyTypes: readonly KeyType[];
  /** The exchange's environments (mainnet first). */
  environments: readonly Environment[];
  /** The regions of the chosen environment; empty where the exchange has one. */
  regions: readonly Region[];
}

/** Read from the exchange's descriptor: what the form offers for an exchange, API type and environment. */
export function fieldRules(
  exchange: ExchangeId,
  apiType: ApiType | undefined,
  environment: Environment = 'mainnet',
): FieldRules {
  const environments = environmentsOf(exchange);
  const env = environments.includes(environment) ? environment : 'mainnet';
  return {
    environments,
    regions: hasRegions(exchange) ? regionsOf(exchange, env) : [],
    apiTypes: API_TYPE_MATRIX[exchange],
    passphrase: PASSPHRASE_EXCHANGES.includes(exchange),
    futures: apiType === 'perpetual_futures',
    keyTypes: keyTypesOf(exchange),
  };
}
