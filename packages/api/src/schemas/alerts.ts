import {
  ALERT_EVENT_TYPE_NAMES,
  BOT_TOKEN_PATTERN,
  CHANNEL_TYPES,
  CHAT_ID_PATTERN,
  DELIVERY_STATUSES,
  DESTINATION_URL_PATTERN,
  EXCHANGES,
  SEVERITIES,
} from '@cts/core';
import { z } from 'zod';
import { createChannelRules } from './alert-channel-rules.ts';

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const DESTINATION_RULE = 'must be an absolute http(s) URL without user name or password';
const destination = () => text(2048).regex(DESTINATION_URL_PATTERN, DESTINATION_RULE);

/** A channel on create (type and its destination required) or update (every field optional; secrets kept when absent). */
export const channelInputSchema = z
  .object({
    name: text(100).regex(/\S/, 'must not be blank').describe('Shown in the admin UI and in test alerts'),
    type: z
      .enum(CHANNEL_TYPES, { error: `must be one of ${CHANNEL_TYPES.join(', ')}` })
      .describe('webhook (generic, signed), slack, discord, telegram or ntfy'),
    enabled: z.boolean().describe('@default true'),
    url: destination().describe(
      'webhook/slack/discord: the webhook URL; ntfy: the topic URL (ntfy.sh/mytopic on the public server). A secret: write-only, shown masked',
    ),
    signing_secret: text(200)
      .min(16, 'must be at least 16 characters')
      .describe(
        'webhook: the HMAC secret (≥ 16 chars); generated (and returned once) when left out. Write-only',
      ),
    bot_token: text(200)
      .regex(BOT_TOKEN_PATTERN, 'must be a Bot API token like 123456:ABC-DEF… (from @BotFather)')
      .describe('telegram: the Bot API token from @BotFather. Write-only, shown masked'),
    chat_id: text(64)
      .regex(CHAT_ID_PATTERN, 'must be a numeric chat id (e.g. -1001234567890) or @channelusername')
      .describe('telegram: a numeric chat id (-1001234567890) or @channelusername'),
    api_base_url: text(2048)
      .regex(new RegExp(`^$|${DESTINATION_URL_PATTERN.source}`), `${DESTINATION_RULE}, or empty`)
      .describe(
        'telegram: the Bot API base (a local Bot API server). @default the public Bot API (api.telegram.org)',
      ),
    token: text(200).describe('ntfy: an access token for a protected topic. Write-only, shown masked'),
    events: z.array(z.enum(ALERT_EVENT_TYPE_NAMES)).max(50).describe('Event types to send; empty: all'),
    exchanges: z.array(z.enum(EXCHANGES)).max(10).describe('Only events of these exchanges; empty: all'),
    connections: z.array(text(100)).max(500).describe('Only events of these connection ids; empty: all'),
    min_severity: z.enum(SEVERITIES).describe('Lowest severity sent. @default warning'),
  })
  .partial()
  .strict();

export const createChannelSchema = channelInputSchema
  .required({ name: true, type: true })
  .meta({ allOf: createChannelRules() });

export const channelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(CHANNEL_TYPES),
    enabled: z.boolean(),
    url: z.string().optional().describe('Masked (admins only)'),
    bot_token: z.string().optional().describe('Masked (admins only)'),
    token: z.string().optional().describe('Masked (admins only)'),
    has_signing_secret: z.boolean().optional(),
    chat_id: z.string().optional(),
    api_base_url: z.string().optional(),
    events: z.array(z.string()),
    exchanges: z.array(z.string()),
    connections: z.array(z.string()),
    min_severity: z.enum(SEVERITIES),
    created_at: z.number(),
    updated_at: z.number(),
  })
  .describe('An alert channel; secrets never come back, only masked');

export const deliverySchema = z
  .object({
    id: z.string().describe('Also the X-CTS-Idempotency-Key the receiver got'),
    channel_id: z.string(),
    kind: z.enum(['alert', 'reminder', 'resolved', 'notice']),
    type: z.string(),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number(),
    last_status: z.number().nullable(),
    last_error: z.string().nullable(),
    created_at: z.number(),
    next_attempt_at: z.number().nullable(),
    delivered_at: z.number().nullable(),
    attempt_log: z
      .array(
        z.object({
          attempt: z.number(),
          at: z.number(),
          durationMs: z.number(),
          httpStatus: z.number().nullable(),
          error: z.string().nullable(),
          outcome: z.enum(['delivered', 'retry', 'failed']),
        }),
      )
      .optional(),
  })
  .describe('One message to one channel, with every attempt');

export const deliveriesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('@default 50'),
    channel_id: text(100).optional(),
  })
  .strict();
