import { ValidationError } from '../errors/domain.ts';
import {
  type ApiType,
  DEFAULT_REGION,
  DESCRIPTORS,
  ENVIRONMENTS,
  type Environment,
  type ExchangeId,
  environmentsOf,
  hasRegion,
  hasRegions,
  isRegion,
  type Region,
  regionsOf,
  testEnvironmentOf,
} from '../exchanges/catalog.ts';

/** Where a connection's key lives: environment (with the seed's is_testnet beside it) and region. */
export interface Placement {
  is_testnet: boolean;
  environment: Environment;
  region: Region | null;
}

/**
 * Checks environment, region and is_testnet against the exchange's descriptor. `environment` wins when given
 * (is_testnet then must agree with it, or be absent); else is_testnet picks the exchange's testnet (else demo)
 * as the seed has it. `region` applies where the exchange has several (default `global`) and must be absent
 * (or null) elsewhere. Throws ValidationError naming the field and the choices.
 */
export function validatePlacement(
  exchange: ExchangeId,
  apiType: ApiType,
  input: { is_testnet?: unknown; environment?: unknown; region?: unknown },
): Placement {
  if (input.is_testnet !== undefined && typeof input.is_testnet !== 'boolean')
    throw new ValidationError('is_testnet', 'must be a boolean');
  const environment = pickEnvironment(exchange, input.environment, input.is_testnet);
  if (input.is_testnet !== undefined && input.is_testnet !== (environment !== 'mainnet'))
    throw new ValidationError(
      'is_testnet',
      `must be ${environment !== 'mainnet'} with environment ${environment} (true exactly off mainnet), or left out`,
    );
  return {
    is_testnet: environment !== 'mainnet',
    environment,
    region: pickRegion(exchange, apiType, environment, input.region),
  };
}

function pickEnvironment(exchange: ExchangeId, given: unknown, isTestnet: unknown): Environment {
  const choices = environmentsOf(exchange);
  if (given === undefined || given === null) {
    if (isTestnet !== true) return 'mainnet';
    const test = testEnvironmentOf(exchange);
    if (!test) throw new ValidationError('is_testnet', `${exchange} has no testnet or demo environment`);
    return test;
  }
  if (!(ENVIRONMENTS as readonly unknown[]).includes(given))
    throw new ValidationError('environment', `must be one of ${ENVIRONMENTS.join(', ')}`);
  if (!choices.includes(given as Environment))
    throw new ValidationError('environment', `${exchange} has ${choices.join(', ')}`);
  return given as Environment;
}

function pickRegion(
  exchange: ExchangeId,
  apiType: ApiType,
  environment: Environment,
  given: unknown,
): Region | null {
  if (!hasRegions(exchange)) {
    if (given === undefined || given === null) return null;
    throw new ValidationError('region', `${exchange} has no regions: leave region out`);
  }
  const region = given ?? DEFAULT_REGION;
  const choices = regionsOf(exchange, environment);
  if (!isRegion(region) || !hasRegion(exchange, environment, region))
    throw new ValidationError('region', `${exchange} ${environment} has ${choices.join(', ')}`);
  if (apiType === 'websocket' && !DESCRIPTORS[exchange].environments[environment]?.[region]?.ws) {
    const streams = choices.filter((r) => DESCRIPTORS[exchange].environments[environment]?.[r]?.ws);
    throw new ValidationError(
      'region',
      `${exchange} ${region} has no known private stream host: websocket needs region ${streams.join(', ')}`,
    );
  }
  return region;
}
