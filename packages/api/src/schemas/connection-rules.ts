/**
 * The create body's cross-field rules (zod superRefine plus core's checks) written as JSON Schema `allOf`
 * conditions, so the OpenAPI document is as strict as validation: the API-type matrix, key types and the passphrase
 * per exchange, testnet only where the exchange has one, margin settings only for perpetual futures and margin.
 */
import {
  API_TYPE_MATRIX,
  API_TYPES,
  EXCHANGES,
  keyTypesOf,
  PASSPHRASE_EXCHANGES,
  testEnvironmentOf,
} from '@cts/core';

type JsonSchema = Record<string, unknown>;

const FUTURES_OR_MARGIN = ['perpetual_futures', 'margin'];

/** `allOf` for createConnectionSchema (via `.meta()`). */
export function createConnectionRules(): JsonSchema[] {
  const perExchange = EXCHANGES.map((exchange) => ({
    if: { properties: { exchange: { const: exchange } }, required: ['exchange'] },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then: {
      properties: {
        api_type: { enum: [...API_TYPE_MATRIX[exchange]] },
        key_type: { enum: [...keyTypesOf(exchange)] },
        ...(testEnvironmentOf(exchange) === undefined ? { is_testnet: { const: false } } : {}),
        ...(PASSPHRASE_EXCHANGES.includes(exchange)
          ? { api_passphrase: { type: 'string', minLength: 1 } }
          : {}),
      },
      ...(PASSPHRASE_EXCHANGES.includes(exchange) ? { required: ['api_passphrase'] } : {}),
    },
  }));
  return [...perExchange, ...marginRules()];
}

/** Margin type and position mode apply to perpetual futures and margin only (create and patch). */
export function marginRules(): JsonSchema[] {
  return [
    {
      if: {
        properties: { api_type: { enum: API_TYPES.filter((t) => !FUTURES_OR_MARGIN.includes(t)) } },
        required: ['api_type'],
      },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { margin_type: { type: 'null' }, position_mode: { type: 'null' } } },
    },
  ];
}
