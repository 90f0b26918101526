/**
 * The Worker's configuration: bindings (D1 `DB`, Durable Object `LIMITER`) and variables/secrets, parsed with zod
 * once per isolate. Secrets (CTS_MASTER_KEY, CTS_JWT_SECRET, CTS_LIMITER_SECRET, CTS_DATABASE_AUTH_TOKEN) are
 * Worker secrets (`wrangler secret put`), never in wrangler.jsonc.
 */
import type { D1Database, DurableObjectNamespace } from '@cloudflare/workers-types';
import { optionalText, parseEnv, sharedEnvFields } from '@cts/runtime/env';
import { z } from 'zod';
import type { LimiterObject } from './limiter/limiter-object.ts';

/** What wrangler.jsonc binds, and the variables and secrets (all strings). */
export interface Bindings {
  /** D1 database (the default storage). */
  DB?: D1Database;
  /** One Durable Object per limiter scope (exchange + IP or account). */
  LIMITER: DurableObjectNamespace<LimiterObject>;
  [name: string]: unknown;
}

export const workerEnvSchema = z.object({
  CTS_MASTER_KEY: z.string().min(1).describe('id:base64 32-byte key (secret)'),
  CTS_PREVIOUS_MASTER_KEYS: optionalText.describe('Comma-separated older keys, for rotation (secret)'),
  CTS_JWT_SECRET: z.string().min(32, 'at least 32 characters').describe('HS256 secret (secret)'),
  CTS_ADMIN_USERS: optionalText.describe(
    'Named admin users, one per line or comma: `name role pbkdf2-sha256$…` from npm run admin-user -- add <name> --print (secret)',
  ),
  CTS_LIMITER_SECRET: optionalText
    .refine((v) => v === undefined || v.length >= 32, 'at least 32 characters')
    .describe('Shared secret of /limiter/* (secret); the route is off when absent'),
  CTS_DATABASE_URL: optionalText
    .refine(
      (v) => v === undefined || /^(libsql|https?|wss?):\/\//.test(v),
      'expected libsql://, https:// or wss://',
    )
    .describe('Remote libSQL instead of D1 @default D1 (binding DB)'),
  CTS_DATABASE_AUTH_TOKEN: optionalText.describe('Token of the remote libSQL database (secret)'),
  ...sharedEnvFields({ egressRelaysNote: '; set as a secret (it holds relay secrets)' }),
  CTS_LIMITER_LOCATION: z
    .enum(['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me'])
    .optional()
    .describe('Location hint for new limiter Durable Objects @default none (near the first caller)'),
  CTS_CRON_MAX_TASKS: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe('Health checks one cron invocation runs; the rest wait for the next tick @default 10'),
  CTS_CRON_MIN_AGE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(240_000)
    .describe('A connection checked more recently is not due @default 240000'),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** Parses the variables; throws a TypeError naming each bad one and its rule (never its value). */
export function loadWorkerEnv(bindings: Bindings): WorkerEnv {
  return parseEnv(workerEnvSchema, bindings);
}
