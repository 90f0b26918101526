import { KEY_TYPES } from '../../crypto/asymmetric.ts';
import {
  API_TYPE_MATRIX,
  API_TYPES,
  DEFAULT_REGION,
  ENVIRONMENTS,
  type Environment,
  EXCHANGES,
  hasEnvironment,
  hasRegion,
  isApiType,
  isExchangeId,
  isRegion,
  keyTypesOf,
  PASSPHRASE_EXCHANGES,
  type Region,
  regionsOf,
  supportsApiType,
} from '../../exchanges/catalog.ts';
import { openGate } from '../../limiter/gate.ts';
import { systemClock } from '../../ports/clock.ts';
import { globalFetch } from '../../ports/fetch.ts';
import { noopLogger } from '../../ports/logger.ts';
import type { ConnectorOptions } from '../types.ts';
import { ClockOffsetCache } from './clock-offset-cache.ts';
import type { HttpContext } from './http.ts';

/** Options after validation, with defaults applied. */
export type ResolvedOptions = Required<
  Omit<ConnectorOptions, 'baseUrl' | 'accountId' | 'webSocketFactory' | 'clockOffsetCache'>
> & {
  baseUrl?: string;
  clockOffsetCache?: ClockOffsetCache;
  environment: Environment;
  region: Region;
};

/** Validates connector options; throws a TypeError naming the field and the rule. */
export function resolveOptions(options: ConnectorOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options: expected an object');
  const { exchange, apiType } = options;
  if (!isExchangeId(exchange))
    throw new TypeError(`exchange: expected one of ${EXCHANGES.join(', ')}, got ${JSON.stringify(exchange)}`);
  if (!isApiType(apiType))
    throw new TypeError(`apiType: expected one of ${API_TYPES.join(', ')}, got ${JSON.stringify(apiType)}`);
  if (!supportsApiType(exchange, apiType)) {
    throw new TypeError(
      `apiType: ${exchange} does not support ${apiType} (supported: ${API_TYPE_MATRIX[exchange].join(', ')})`,
    );
  }
  const environment = options.environment ?? 'mainnet';
  if (!(ENVIRONMENTS as readonly string[]).includes(environment))
    throw new TypeError(`environment: expected mainnet, testnet or demo, got ${JSON.stringify(environment)}`);
  if (!hasEnvironment(exchange, environment))
    throw new TypeError(`environment: ${exchange} has no ${environment} environment`);
  const region = options.region ?? DEFAULT_REGION;
  if (!isRegion(region) || !hasRegion(exchange, environment, region))
    throw new TypeError(
      `region: ${exchange} ${environment} serves ${regionsOf(exchange, environment).join(', ')}, got ${JSON.stringify(region)}`,
    );
  const c = options.credentials;
  if (!c || typeof c !== 'object') throw new TypeError('credentials: expected { apiKey, apiSecret }');
  if (typeof c.apiKey !== 'string' || c.apiKey.trim() === '')
    throw new TypeError('credentials.apiKey: must be a non-empty string');
  if (typeof c.apiSecret !== 'string' || c.apiSecret.trim() === '')
    throw new TypeError('credentials.apiSecret: must be a non-empty string');
  if (PASSPHRASE_EXCHANGES.includes(exchange) && (typeof c.passphrase !== 'string' || c.passphrase === '')) {
    throw new TypeError(`credentials.passphrase: required for ${exchange}`);
  }
  const keyType = c.keyType ?? 'hmac';
  if (!KEY_TYPES.includes(keyType))
    throw new TypeError(`credentials.keyType: expected hmac, rsa or ed25519, got ${JSON.stringify(keyType)}`);
  if (!keyTypesOf(exchange).includes(keyType))
    throw new TypeError(`credentials.keyType: ${exchange} does not accept ${keyType} keys`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError('timeoutMs: must be a positive number of milliseconds');
  const recvWindowMs = options.recvWindowMs ?? 5000;
  if (!Number.isFinite(recvWindowMs) || recvWindowMs <= 0 || recvWindowMs > 60_000)
    throw new TypeError('recvWindowMs: must be in (0, 60000]');
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new TypeError('maxRetries: must be an integer >= 0');
  if (options.baseUrl !== undefined && !/^https?:\/\//.test(options.baseUrl))
    throw new TypeError('baseUrl: must be an http(s) URL');
  const cache = options.clockOffsetCache;
  if (cache !== undefined && !(cache instanceof ClockOffsetCache))
    throw new TypeError('clockOffsetCache: expected a ClockOffsetCache');
  return {
    exchange,
    apiType,
    environment,
    region,
    ...(cache ? { clockOffsetCache: cache } : {}),
    credentials: { ...c, keyType },
    fetch: options.fetch ?? globalFetch,
    clock: options.clock ?? systemClock,
    baseUrl: options.baseUrl,
    timeoutMs,
    recvWindowMs,
    limiter: options.limiter ?? openGate,
    maxRetries,
    logger: options.logger ?? noopLogger,
  };
}

/**
 * The non-secret account scope for the limiter: the given id, or `key:` + a 64-bit FNV-1a hash of the API key
 * (keys are high-entropy, so the hash does not reveal them; it only groups requests by key).
 */
export function accountScope(options: ConnectorOptions): string {
  if (options.accountId) return options.accountId;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < options.credentials.apiKey.length; i++) {
    hash ^= BigInt(options.credentials.apiKey.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `key:${hash.toString(16).padStart(16, '0')}`;
}

/** The HTTP context a connector sends its requests with. */
export function httpContext(resolved: ResolvedOptions, account: string): HttpContext {
  return {
    exchange: resolved.exchange,
    account,
    fetch: resolved.fetch,
    clock: resolved.clock,
    limiter: resolved.limiter,
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    logger: resolved.logger,
    ...(resolved.clockOffsetCache
      ? {
          onTimestampRejected: () =>
            resolved.clockOffsetCache?.invalidateExchange(resolved.exchange, resolved.environment),
        }
      : {}),
  };
}
