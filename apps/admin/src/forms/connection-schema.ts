import {
  API_TYPES,
  EXCHANGE_NAMES,
  EXCHANGES,
  MARGIN_TYPES,
  POSITION_MODES,
  testEnvironmentOf,
} from '@cts/core';
import { z } from 'zod';
import { fieldRules } from './field-rules.ts';

/**
 * The add/edit dialog's rules, with messages for people. They mirror @cts/api's createConnectionSchema and
 * updateConnectionSchema (which @cts/api does not export yet; switch to them when it does) and add the form-only
 * rules: no passphrase outside OKX, futures fields for perpetual futures only, key types per exchange.
 */
const base = {
  name: z
    .string('Give the connection a name')
    .trim()
    .min(1, 'Give the connection a name')
    .max(100, 'At most 100 characters'),
  api_type: z.enum(API_TYPES, 'Choose an API type'),
  api_key: z
    .string('The API key is required')
    .trim()
    .min(1, 'The API key is required')
    .max(512, 'At most 512 characters'),
  api_secret: z
    .string('The API secret is required')
    .trim()
    .min(1, 'The API secret is required')
    .max(8192, 'At most 8192 characters'),
  api_passphrase: z.string().max(256, 'At most 256 characters').optional(),
  key_type: z.enum(['hmac', 'rsa', 'ed25519'], 'Choose a key type').optional(),
  margin_type: z.enum(MARGIN_TYPES, 'Choose cross or isolated').nullable().optional(),
  position_mode: z.enum(POSITION_MODES, 'Choose hedge or one-way').nullable().optional(),
  is_testnet: z.boolean().optional(),
};

export const connectionFormSchema = z
  .object({ ...base, exchange: z.enum(EXCHANGES, 'Choose an exchange'), enabled: z.boolean().optional() })
  .superRefine((v, ctx) => {
    const rules = fieldRules(v.exchange, v.api_type);
    if (!rules.apiTypes.includes(v.api_type))
      ctx.addIssue({
        code: 'custom',
        path: ['api_type'],
        message: `${EXCHANGE_NAMES[v.exchange]} does not offer ${v.api_type}`,
      });
    if (rules.passphrase && !v.api_passphrase)
      ctx.addIssue({ code: 'custom', path: ['api_passphrase'], message: 'OKX keys need their passphrase' });
    if (!rules.passphrase && v.api_passphrase)
      ctx.addIssue({
        code: 'custom',
        path: ['api_passphrase'],
        message: `${EXCHANGE_NAMES[v.exchange]} keys have no passphrase`,
      });
    if (!rules.futures && (v.margin_type || v.position_mode))
      ctx.addIssue({
        code: 'custom',
        path: [v.margin_type ? 'margin_type' : 'position_mode'],
        message: 'Margin type and position mode apply to perpetual futures only',
      });
    if (v.is_testnet && testEnvironmentOf(v.exchange) === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['is_testnet'],
        message: `${EXCHANGE_NAMES[v.exchange]} has no testnet or demo environment`,
      });
    if (v.key_type && !rules.keyTypes.includes(v.key_type))
      ctx.addIssue({
        code: 'custom',
        path: ['key_type'],
        message: `${EXCHANGE_NAMES[v.exchange]} does not accept ${v.key_type} keys`,
      });
  });
export type ConnectionForm = z.infer<typeof connectionFormSchema>;

/** Edit: every field optional; key and secret only when both are replaced. */
export const connectionEditSchema = z
  .object({
    name: base.name.optional(),
    api_type: base.api_type.optional(),
    api_key: base.api_key.optional(),
    api_secret: base.api_secret.optional(),
    api_passphrase: base.api_passphrase,
    key_type: base.key_type,
    margin_type: base.margin_type,
    position_mode: base.position_mode,
    is_testnet: base.is_testnet,
    version: z.coerce.number().int().nonnegative().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.api_key === undefined) !== (v.api_secret === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.api_key === undefined ? 'api_key' : 'api_secret'],
        message: 'Replace the key and the secret together',
      });
  });
export type ConnectionEdit = z.infer<typeof connectionEditSchema>;
