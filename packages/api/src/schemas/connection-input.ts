import {
  API_TYPE_MATRIX,
  API_TYPES,
  type ApiType,
  CONTROL_CHARACTERS_RULE,
  ENVIRONMENTS,
  EXCHANGES,
  type ExchangeId,
  KEY_TYPES,
  MARGIN_TYPES,
  NO_CONTROL_BUT_LINE_BREAKS,
  NO_CONTROL_CHARACTERS,
  PASSPHRASE_EXCHANGES,
  POSITION_MODES,
  REGIONS,
  supportsApiType,
  ValidationError,
  validatePlacement,
} from '@cts/core';
import { z } from 'zod';
import { createConnectionRules } from './connection-rules.ts';

const secret = (what: string, allowed = NO_CONTROL_CHARACTERS) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(8192, 'at most 8192 characters')
    .regex(allowed, CONTROL_CHARACTERS_RULE)
    .describe(what);

const fields = {
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'at most 100 characters')
    .describe('A name people recognise'),
  api_type: z.enum(API_TYPES, { error: `expected one of ${API_TYPES.join(', ')}` }),
  api_key: secret('The API key (stored encrypted; returned masked)'),
  api_secret: secret(
    'HMAC secret or PEM private key (stored encrypted; never returned)',
    NO_CONTROL_BUT_LINE_BREAKS,
  ),
  api_passphrase: secret('Passphrase (OKX); never returned'),
  key_type: z.enum(KEY_TYPES).describe('@default hmac'),
  margin_type: z.enum(MARGIN_TYPES).nullable(),
  position_mode: z.enum(POSITION_MODES).nullable(),
  is_testnet: z
    .boolean()
    .describe(
      "Use the exchange's testnet (or demo) environment; true exactly when environment is not mainnet. @default false",
    ),
  environment: z
    .enum(ENVIRONMENTS, { error: `expected one of ${ENVIRONMENTS.join(', ')}` })
    .describe('mainnet, testnet or demo, where the exchange has it. @default from is_testnet, else mainnet'),
  region: z
    .enum(REGIONS, { error: `expected one of ${REGIONS.join(', ')}` })
    .nullable()
    .describe(
      "The exchange entity whose hosts serve the key: OKX global, eea, us; Bybit global, nl, tr, kz, ge, ae, eu, id, jp. Only where the exchange has regions. @default 'global'",
    ),
};

/** Environment, region and is_testnet against the exchange's descriptor (core's rule, reported as zod issues). */
function checkPlacement(
  body: {
    exchange: ExchangeId;
    api_type: ApiType;
    is_testnet?: boolean;
    environment?: unknown;
    region?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  try {
    validatePlacement(body.exchange, body.api_type, body);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    ctx.addIssue({ code: 'custom', path: [err.field], message: err.rule });
  }
}

/** A conditional write: the version the client read (optimistic concurrency). */
const versionSchema = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('The version you read; a stale one is refused (409)');

/** POST /api/settings/connections: the seed's body, checked against the API-type matrix. */
export const createConnectionSchema = z
  .strictObject({
    ...fields,
    exchange: z.enum(EXCHANGES, { error: `expected one of ${EXCHANGES.join(', ')}` }),
    api_passphrase: fields.api_passphrase.optional(),
    key_type: fields.key_type.optional(),
    margin_type: fields.margin_type.optional(),
    position_mode: fields.position_mode.optional(),
    is_testnet: fields.is_testnet.optional(),
    environment: fields.environment.optional(),
    region: fields.region.optional(),
    enabled: z.boolean().optional().describe('Enable (and test) at once. @default true'),
  })
  .superRefine((body, ctx) => {
    if (!supportsApiType(body.exchange, body.api_type))
      ctx.addIssue({
        code: 'custom',
        path: ['api_type'],
        message: `${body.exchange} supports ${API_TYPE_MATRIX[body.exchange].join(', ')} (API type matrix)`,
      });
    if (PASSPHRASE_EXCHANGES.includes(body.exchange) && !body.api_passphrase)
      ctx.addIssue({
        code: 'custom',
        path: ['api_passphrase'],
        message: `required for ${body.exchange}`,
      });
    if (supportsApiType(body.exchange, body.api_type)) checkPlacement(body, ctx);
  })
  // The same rules for the OpenAPI document (z.toJSONSchema cannot see into superRefine).
  .meta({ allOf: createConnectionRules() })
  .describe('A new connection');
export type CreateConnectionBody = z.infer<typeof createConnectionSchema>;

const PATCHABLE = [
  'name',
  'api_type',
  'api_key',
  'api_secret',
  'api_passphrase',
  'key_type',
  'margin_type',
  'position_mode',
  'is_testnet',
] as const;

/** PATCH /api/settings/connections/:id: any subset; `version` makes it conditional. */
export const updateConnectionSchema = z
  .strictObject({
    name: fields.name.optional(),
    api_type: fields.api_type.optional(),
    api_key: fields.api_key.optional(),
    api_secret: fields.api_secret.optional(),
    api_passphrase: fields.api_passphrase.optional(),
    key_type: fields.key_type.optional(),
    margin_type: fields.margin_type.optional(),
    position_mode: fields.position_mode.optional(),
    is_testnet: fields.is_testnet.optional(),
    environment: fields.environment.optional(),
    region: fields.region.optional(),
    version: versionSchema,
  })
  .refine((body) => Object.keys(body).some((k) => k !== 'version'), {
    message: 'send at least one field to change',
  })
  .meta({
    // At least one field besides version; the rest (matrix, key types) depend on the stored exchange.
    anyOf: PATCHABLE.map((k) => ({ required: [k] })),
  })
  .describe('Changes to a connection');
export type UpdateConnectionBody = z.infer<typeof updateConnectionSchema>;

/** Body of the state actions (enable, disable, pause, resume); may be empty. */
export const actionBodySchema = z
  .strictObject({
    version: versionSchema,
  })
  .describe('Optional conditional-write version');
