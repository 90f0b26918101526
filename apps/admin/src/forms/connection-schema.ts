import { createConnectionSchema, updateConnectionSchema } from '@cts/api';
import { EXCHANGE_NAMES } from '@cts/core';
import type { z } from 'zod';
import { fieldRules } from './field-rules.ts';

/**
 * The add dialog: @cts/api's createConnectionSchema (the same rules as POST /api/settings/connections) plus the
 * form-only rules: no passphrase outside OKX, futures fields for perpetual futures only, key types per exchange.
 */
export const connectionFormSchema = createConnectionSchema.superRefine((v, ctx) => {
  const rules = fieldRules(v.exchange, v.api_type);
  const name = EXCHANGE_NAMES[v.exchange];
  if (!rules.passphrase && v.api_passphrase)
    ctx.addIssue({ code: 'custom', path: ['api_passphrase'], message: `${name} keys have no passphrase` });
  if (!rules.futures && (v.margin_type || v.position_mode))
    ctx.addIssue({
      code: 'custom',
      path: [v.margin_type ? 'margin_type' : 'position_mode'],
      message: 'Margin type and position mode apply to perpetual futures only',
    });
  if (v.key_type && !rules.keyTypes.includes(v.key_type))
    ctx.addIssue({
      code: 'custom',
      path: ['key_type'],
      message: `${name} does not accept ${v.key_type} keys`,
    });
});
export type ConnectionForm = z.infer<typeof connectionFormSchema>;

/**
 * The edit dialog: @cts/api's updateConnectionSchema (the PATCH rules) plus one form-only rule: key and secret are
 * replaced together. The rules that depend on the stored exchange are checked by the edit route.
 */
export const connectionEditSchema = updateConnectionSchema.superRefine((v, ctx) => {
  if ((v.api_key === undefined) !== (v.api_secret === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [v.api_key === undefined ? 'api_key' : 'api_secret'],
      message: 'Replace the key and the secret together',
    });
});
export type ConnectionEdit = z.infer<typeof connectionEditSchema>;
