import { ValidationError } from '../errors/domain.ts';
import { EXCHANGES, type ExchangeId } from '../exchanges/catalog.ts';
import { ALERT_EVENT_TYPE_NAMES, type AlertEventType, SEVERITIES, type Severity } from './alert-event.ts';
import {
  CHANNEL_TYPES,
  type ChannelFilters,
  type ChannelSecrets,
  type ChannelSettings,
  type ChannelType,
} from './channel.ts';
import { ntfyTopic } from './channels/ntfy.ts';
import { type DestinationPolicy, destinationProblem } from './destination-guard.ts';

/** A channel as the API takes it (snake_case, as the rest of the API). Secrets left out of an update are kept. */
export interface ChannelInput {
  name?: string;
  type?: string;
  enabled?: boolean;
  url?: string;
  signing_secret?: string;
  bot_token?: string;
  chat_id?: string;
  api_base_url?: string;
  token?: string;
  events?: string[];
  exchanges?: string[];
  connections?: string[];
  min_severity?: string;
}

export interface ValidChannel {
  name: string;
  type: ChannelType;
  enabled: boolean;
  filters: ChannelFilters;
  settings: ChannelSettings;
  secrets: ChannelSecrets;
}

/** A Telegram Bot API token, as @BotFather issues it (also the API schema's pattern). */
export const BOT_TOKEN_PATTERN = /^\d{3,}:[A-Za-z0-9_-]{30,}$/;
/** A Telegram chat: a numeric id or @channelusername (also the API schema's pattern). */
export const CHAT_ID_PATTERN = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
/**
 * The shape of a destination URL the API schema documents: http(s), a host without user name or password, no
 * whitespace. destinationProblem has the last word (https: unless allow-listed, no private or local host).
 */
export const DESTINATION_URL_PATTERN = /^https?:\/\/[^\s/?#@]+([/?#]\S*)?$/;
/** An ntfy topic URL: a destination URL with at least one path segment (the topic). */
export const NTFY_TOPIC_URL_PATTERN = /^https?:\/\/[^\s/?#@]+\/+[^\s/?#]+/;

function list<T extends string>(
  field: string,
  value: string[] | undefined,
  allowed: readonly T[] | null,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be an array');
  for (const [i, v] of value.entries())
    if (typeof v !== 'string' || (allowed && !allowed.includes(v as T)))
      throw new ValidationError(
        `${field}.${i}`,
        allowed ? `must be one of ${allowed.join(', ')}` : 'must be a string',
      );
  return [...new Set(value)] as T[];
}

function url(field: string, value: string | undefined, policy: DestinationPolicy): string {
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(field, 'is required for this channel type');
  const problem = destinationProblem(value, policy);
  if (problem) throw new ValidationError(field, problem);
  return value;
}

/**
 * Validates a channel (whole on create; `current` merged under the input on update), naming the field and rule of
 * the first problem: unknown type, malformed or disallowed URL, a bot token or chat id of the wrong shape.
 */
export function validateChannel(
  input: ChannelInput,
  policy: DestinationPolicy,
  current?: ValidChannel,
): ValidChannel {
  const type = (input.type ?? current?.type) as ChannelType;
  if (!CHANNEL_TYPES.includes(type))
    throw new ValidationError('type', `must be one of ${CHANNEL_TYPES.join(', ')}`);
  if (current && input.type !== undefined && input.type !== current.type)
    throw new ValidationError('type', 'cannot change; create a new channel');
  const name = (input.name ?? current?.name ?? '').trim();
  if (name.length < 1 || name.length > 100) throw new ValidationError('name', 'must be 1 to 100 characters');
  const old = current?.secrets ?? {};
  const secrets: ChannelSecrets = {};
  const settings: ChannelSettings = {};
  if (type === 'telegram') {
    const token = input.bot_token ?? old.botToken;
    if (typeof token !== 'string' || !BOT_TOKEN_PATTERN.test(token))
      throw new ValidationError(
        'bot_token',
        'must be a Bot API token like 123456:ABC-DEF… (from @BotFather)',
      );
    const chat = input.chat_id ?? current?.settings.chatId;
    if (typeof chat !== 'string' || !CHAT_ID_PATTERN.test(chat))
      throw new ValidationError(
        'chat_id',
        'must be a numeric chat id (e.g. -1001234567890) or @channelusername',
      );
    secrets.botToken = token;
    settings.chatId = chat;
    const base = input.api_base_url ?? current?.settings.apiBaseUrl;
    if (base !== undefined && base !== '') settings.apiBaseUrl = url('api_base_url', base, policy);
  } else {
    secrets.url = url('url', input.url ?? old.url, policy);
    if (type === 'ntfy' && ntfyTopic(secrets.url) === '')
      throw new ValidationError('url', 'must be the topic URL, e.g. https://ntfy.sh/mytopic');
    if (type === 'ntfy' && (input.token ?? old.token)) secrets.token = input.token ?? old.token;
    if (type === 'webhook') {
      const s = input.signing_secret ?? old.signingSecret;
      if (s !== undefined && (typeof s !== 'string' || s.length < 16))
        throw new ValidationError('signing_secret', 'must be at least 16 characters');
      if (s) secrets.signingSecret = s;
    }
  }
  const min = (input.min_severity ?? current?.filters.minSeverity ?? 'warning') as Severity;
  if (!SEVERITIES.includes(min))
    throw new ValidationError('min_severity', `must be one of ${SEVERITIES.join(', ')}`);
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    throw new ValidationError('enabled', 'must be a boolean');
  return {
    name,
    type,
    enabled: input.enabled ?? current?.enabled ?? true,
    settings,
    secrets,
    filters: {
      events:
        input.events !== undefined
          ? list<AlertEventType>('events', input.events, ALERT_EVENT_TYPE_NAMES)
          : (current?.filters.events ?? []),
      exchanges:
        input.exchanges !== undefined
          ? list<ExchangeId>('exchanges', input.exchanges, EXCHANGES)
          : (current?.filters.exchanges ?? []),
      connections:
        input.connections !== undefined
          ? list<string>('connections', input.connections, null)
          : (current?.filters.connections ?? []),
      minSeverity: min,
    },
  };
}
