/**
 * The create body's cross-field rules (zod superRefine plus core's checks) written as JSON Schema `allOf`
 * conditions, so the OpenAPI document is as strict as validation: the API-type matrix, key types and the passphrase
 * per exchange, testnet only where the exchange has one, margin settings only for perpetual futures and margin.
 */
import {
  API_TYPE_MATRIX,
  API_TYPES,
  DESCRIPTORS,
  EXCHANGES,
  type ExchangeId,
  environmentsOf,
  hasRegions,
  keyTypesOf,
  PASSPHRASE_EXCHANGES,
  regionsOf,
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
        environment: { enum: environmentsOf(exchange) },
        region: hasRegions(exchange) ? { enum: [...regionsOf(exchange, 'mainnet'), null] } : { type: 'null' },
      },
      ...(PASSPHRASE_EXCHANGES.includes(exchange) ? { required: ['api_passphrase'] } : {}),
    },
  }));
  return [...perExchange, ...placementRules(), ...marginRules()];
}

const when = (properties: JsonSchema) => ({ properties, required: Object.keys(properties) });

/**
 * Environment, region and is_testnet (core's validatePlacement): is_testnet agrees with the environment; the
 * regions of the environment given (or the one is_testnet picks); websocket only where a stream host is known.
 */
function placementRules(): JsonSchema[] {
  const regional = EXCHANGES.filter(hasRegions);
  const regionsIn = (exchange: ExchangeId, environment: 'mainnet' | 'testnet' | 'demo') => ({
    region: { enum: [...regionsOf(exchange, environment), null] },
  });
  return [
    {
      if: when({ environment: { const: 'mainnet' } }),
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { is_testnet: { const: false } } },
    },
    {
      if: when({ environment: { enum: ['testnet', 'demo'] } }),
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { is_testnet: { const: true } } },
    },
    ...regional.flatMap((exchange) => [
      ...environmentsOf(exchange).map((environment) => ({
        if: when({ exchange: { const: exchange }, environment: { const: environment } }),
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { properties: regionsIn(exchange, environment) },
      })),
      {
        if: when({ exchange: { const: exchange }, is_testnet: { const: true } }),
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { properties: regionsIn(exchange, testEnvironmentOf(exchange) ?? 'mainnet') },
      },
      {
        if: when({ exchange: { const: exchange }, api_type: { const: 'websocket' } }),
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: {
          properties: {
            region: {
              enum: [
                ...regionsOf(exchange).filter((r) =>
                  Object.values(DESCRIPTORS[exchange].environments).some((env) => env?.[r]?.ws),
                ),
                null,
              ],
            },
          },
        },
      },
    ]),
  ];
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
