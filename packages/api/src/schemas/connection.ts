import {
  API_TYPES,
  CONNECTION_STATES,
  ENVIRONMENTS,
  EXCHANGES,
  KEY_TYPES,
  MARGIN_TYPES,
  POSITION_MODES,
  REGIONS,
} from '@cts/core';
import { z } from 'zod';
import { ctsErrorSchema } from './cts-error.ts';
import { keyAuditSchema } from './key-audit.ts';

/** A stored connection as the API returns it: the API key masked, secrets never. */
export const connectionRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    exchange: z.enum(EXCHANGES),
    api_type: z.enum(API_TYPES),
    margin_type: z.enum(MARGIN_TYPES).nullable(),
    position_mode: z.enum(POSITION_MODES).nullable(),
    is_testnet: z.boolean(),
    environment: z.enum(ENVIRONMENTS),
    region: z
      .enum(REGIONS)
      .nullable()
      .describe('The exchange entity serving the key (OKX, Bybit); null where the exchange has one'),
    key_type: z.enum(KEY_TYPES),
    api_key_masked: z.string().describe('First and last 4 characters of the API key'),
    state: z.enum(CONNECTION_STATES),
    is_enabled: z.boolean(),
    is_active: z.boolean(),
    last_test_at: z.number().nullable().describe('Epoch ms'),
    last_test_success: z.boolean().nullable(),
    last_error: ctsErrorSchema.nullable(),
    last_balance: z.number().nullable(),
    last_balance_currency: z.string().nullable(),
    key_audit: keyAuditSchema,
    created_at: z.number(),
    updated_at: z.number(),
    version: z.number().int().describe('Send it back in PATCH or actions to make the write conditional'),
  })
  .describe('A connection (secrets are never returned)');

export const connectionReplySchema = z.object({
  success: z.literal(true),
  connection: connectionRecordSchema,
  warnings: z
    .array(z.string())
    .optional()
    .describe('What was accepted but ignored (a passphrase for an exchange without one)'),
});
