import {
  type ConnectionRecord,
  type ConnectionSecrets,
  MARGIN_TYPES,
  type MarginType,
  maskApiKey,
  POSITION_MODES,
  type PositionMode,
} from '../connections/connection.ts';
import {
  CONTROL_CHARACTERS_RULE,
  NO_CONTROL_BUT_LINE_BREAKS,
  NO_CONTROL_CHARACTERS,
} from '../connections/credential-text.ts';
import type { KeyType } from '../crypto/asymmetric.ts';
import { ValidationError } from '../errors/domain.ts';
import {
  API_TYPE_MATRIX,
  type ApiType,
  type Environment,
  EXCHANGES,
  type ExchangeId,
  isApiType,
  isExchangeId,
  keyTypesOf,
  PASSPHRASE_EXCHANGES,
  type Region,
  supportsApiType,
} from '../exchanges/catalog.ts';
import { type ConnectionWrite, TASK_TYPES, type TaskType } from '../storage/ports.ts';
import type { CreateConnectionInput, UpdateConnectionInput } from './types.ts';
import { validatePlacement } from './validate-placement.ts';

/** A connection's settings once validated: what is stored (besides state) and what is sealed. */
export interface ValidConnection {
  name: string;
  exchange: ExchangeId;
  api_type: ApiType;
  key_type: KeyType;
  margin_type: MarginType | null;
  position_mode: PositionMode | null;
  is_testnet: boolean;
  environment: Environment;
  region: Region | null;
  secrets: ConnectionSecrets;
}

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ValidationError(field, 'must be a non-empty string');
  if (value.length > max) throw new ValidationError(field, `must be at most ${max} characters`);
  return value;
}

/**
 * A credential goes into headers, query strings and signatures: a control character there makes the HTTP client
 * quote the whole value in its error. Refused up front, the rule never quoting the value.
 */
function credential(field: string, value: string, allowLineBreaks = false): string {
  if (!(allowLineBreaks ? NO_CONTROL_BUT_LINE_BREAKS : NO_CONTROL_CHARACTERS).test(value))
    throw new ValidationError(field, CONTROL_CHARACTERS_RULE);
  return value;
}

/**
 * Checks a complete set of connection settings against the seed's rules and each exchange's facts. Throws
 * ValidationError(field, rule); the rule never quotes a secret.
 */
export function validateConnection(input: {
  name: unknown;
  exchange: unknown;
  api_type: unknown;
  api_key: unknown;
  api_secret: unknown;
  api_passphrase?: unknown;
  key_type?: unknown;
  margin_type?: unknown;
  position_mode?: unknown;
  is_testnet?: unknown;
  environment?: unknown;
  region?: unknown;
}): ValidConnection {
  const name = text('name', input.name, 100).trim();
  if (!isExchangeId(input.exchange))
    throw new ValidationError('exchange', `must be one of ${EXCHANGES.join(', ')}`);
  const exchange = input.exchange;
  if (!isApiType(input.api_type))
    throw new ValidationError(
      'api_type',
      'must be one of rest, websocket, unified, perpetual_futures, spot, margin',
    );
  const api_type = input.api_type;
  if (!supportsApiType(exchange, api_type))
    throw new ValidationError('api_type', `${exchange} supports ${API_TYPE_MATRIX[exchange].join(', ')}`);
  const apiKey = credential('api_key', text('api_key', input.api_key, 4096).trim());
  const pem = input.key_type === 'rsa' || input.key_type === 'ed25519';
  const apiSecret = credential('api_secret', text('api_secret', input.api_secret, 8192).trim(), pem);
  const needsPassphrase = PASSPHRASE_EXCHANGES.includes(exchange);
  const passphrase = input.api_passphrase;
  if (needsPassphrase) credential('api_passphrase', text('api_passphrase', passphrase, 256));
  else if (passphrase !== undefined && passphrase !== null && passphrase !== '')
    throw new ValidationError('api_passphrase', `${exchange} keys have no passphrase (only OKX keys do)`);
  const key_type = (input.key_type ?? 'hmac') as KeyType;
  const allowed = keyTypesOf(exchange);
  if (!allowed.includes(key_type))
    throw new ValidationError('key_type', `${exchange} accepts ${allowed.join(', ')}`);
  const placement = validatePlacement(exchange, api_type, input);
  const margin_type = (input.margin_type ?? null) as MarginType | null;
  const position_mode = (input.position_mode ?? null) as PositionMode | null;
  const futuresOrMargin = api_type === 'perpetual_futures' || api_type === 'margin';
  if (margin_type !== null) {
    if (!futuresOrMargin)
      throw new ValidationError('margin_type', 'only applies to perpetual_futures and margin');
    if (!MARGIN_TYPES.includes(margin_type))
      throw new ValidationError('margin_type', 'must be cross or isolated');
  }
  if (position_mode !== null) {
    if (!futuresOrMargin)
      throw new ValidationError('position_mode', 'only applies to perpetual_futures and margin');
    if (!POSITION_MODES.includes(position_mode))
      throw new ValidationError('position_mode', 'must be hedge or one_way');
  }
  const secrets: ConnectionSecrets = { apiKey, apiSecret };
  if (needsPassphrase) secrets.passphrase = passphrase as string;
  return {
    name,
    exchange,
    api_type,
    key_type,
    margin_type,
    position_mode,
    ...placement,
    secrets,
  };
}

/** Validates a create body. */
export function validateCreate(input: CreateConnectionInput): ValidConnection & { enabled: boolean } {
  if (!input || typeof input !== 'object') throw new ValidationError('body', 'must be an object');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    throw new ValidationError('enabled', 'must be a boolean');
  return { ...validateConnection(input), enabled: input.enabled ?? true };
}

/** Validates a patch against the stored connection and its current secrets: the merged whole must be valid. */
export function validateUpdate(
  current: ConnectionRecord,
  secrets: ConnectionSecrets,
  patch: UpdateConnectionInput,
): ValidConnection {
  if (!patch || typeof patch !== 'object') throw new ValidationError('body', 'must be an object');
  if ('exchange' in patch && (patch as { exchange?: unknown }).exchange !== current.exchange)
    throw new ValidationError('exchange', 'cannot be changed; create a new connection');
  const apiType = patch.api_type ?? current.api_type;
  const leavesFutures = apiType !== 'perpetual_futures' && apiType !== 'margin';
  return validateConnection({
    name: patch.name ?? current.name,
    exchange: current.exchange,
    api_type: apiType,
    api_key: patch.api_key ?? secrets.apiKey,
    api_secret: patch.api_secret ?? secrets.apiSecret,
    api_passphrase: patch.api_passphrase ?? secrets.passphrase,
    key_type: patch.key_type ?? current.key_type,
    // Moving to a type without them drops stored margin settings rather than failing on them.
    margin_type:
      patch.margin_type !== undefined ? patch.margin_type : leavesFutures ? null : current.margin_type,
    position_mode:
      patch.position_mode !== undefined ? patch.position_mode : leavesFutures ? null : current.position_mode,
    // environment wins; a patch of is_testnet alone picks the environment again, as the seed has it.
    is_testnet: patch.is_testnet ?? (patch.environment != null ? undefined : current.is_testnet),
    environment: patch.environment ?? (patch.is_testnet !== undefined ? undefined : current.environment),
    region: patch.region !== undefined ? patch.region : current.region,
  });
}

/** The stored fields of a new connection: disabled, untested, its key masked. */
export function newConnectionFields(v: ValidConnection): ConnectionWrite {
  return {
    name: v.name,
    exchange: v.exchange,
    api_type: v.api_type,
    margin_type: v.margin_type,
    position_mode: v.position_mode,
    is_testnet: v.is_testnet,
    environment: v.environment,
    region: v.region,
    key_type: v.key_type,
    api_key_masked: maskApiKey(v.secrets.apiKey),
    state: 'disabled',
    last_test_at: null,
    last_test_success: null,
    last_error: null,
    last_balance: null,
    last_balance_currency: null,
    key_audit: null,
  };
}

/** Validates a batch request: a non-empty list of at most `maxBatchSize` distinct ids, a task type, a priority. */
export function validateBatchRequest(
  ids: unknown,
  options: { type?: TaskType; priority?: number },
  maxBatchSize: number,
): { unique: string[]; type: TaskType; priority: number } {
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === ''))
    throw new ValidationError('connectionIds', 'must be a non-empty array of connection ids');
  const unique = [...new Set(ids as string[])];
  if (unique.length > maxBatchSize)
    throw new ValidationError('connectionIds', `at most ${maxBatchSize} connections per batch`);
  const type = options.type ?? 'test';
  if (!TASK_TYPES.includes(type))
    throw new ValidationError('type', `must be one of ${TASK_TYPES.join(', ')}`);
  const priority = options.priority ?? 0;
  if (!Number.isFinite(priority)) throw new ValidationError('priority', 'must be a number');
  return { unique, type, priority };
}
