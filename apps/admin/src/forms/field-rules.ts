import type { ApiType, ExchangeId, KeyType } from '@cts/core';
import { API_TYPE_MATRIX, keyTypesOf, PASSPHRASE_EXCHANGES } from '@cts/core';

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
    keyTypes: keyTypesOf(exchange),
  };
}
