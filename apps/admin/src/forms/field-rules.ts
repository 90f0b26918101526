import type { ApiType, ExchangeId, KeyType } from '@cts/core';
import { API_TYPE_MATRIX, PASSPHRASE_EXCHANGES } from '@cts/core';

/** Key types each exchange accepts (the connectors' rule; HMAC everywhere else). */
const KEY_TYPES: Partial<Record<ExchangeId, readonly KeyType[]>> = {
  binance: ['hmac', 'rsa', 'ed25519'],
  bybit: ['hmac', 'rsa'],
};

/** Which fields the add/edit form shows for an exchange and API type. */
export interface FieldRules {
  apiTypes: readonly ApiType[];
  passphrase: boolean;
  futures: boolean;
  keyTypes: readonly KeyType[];
}

export function fieldRules(exchange: ExchangeId, apiType: ApiType | undefined): FieldRules {
  return {
    apiTypes: API_TYPE_MATRIX[exchange],
    passphrase: PASSPHRASE_EXCHANGES.includes(exchange),
    futures: apiType === 'perpetual_futures',
    keyTypes: KEY_TYPES[exchange] ?? ['hmac'],
  };
}
