/** The only reader of the environment: parsed with zod once, on Node, Bun and Deno alike. */
import { optionalText, parseEnv, sharedEnvFields } from '@cts/runtime/env';
import { z } from 'zod';

export const envSchema = z.object({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(8787)
    .describe('@default 8787 (0 picks a free port)'),
  HOST: z.string().min(1).default('127.0.0.1').describe('@default 127.0.0.1'),
  CTS_DATABASE_URL: z
    .string()
    .min(1)
    .default('file:./data/cts.db')
    .describe('libSQL URL: file:…, :memory:, libsql://… @default file:./data/cts.db'),
  CTS_DATABASE_AUTH_TOKEN: optionalText.describe('Token of a remote libSQL database (libsql://…)'),
  CTS_DATA_DIR: z.string().min(1).default('./data').describe('Where generated secrets live. @default ./data'),
  CTS_ADMIN_USERS: optionalText.describe(
    'Named admin users, one per line or comma: `name role pbkdf2-sha256$…` (npm run admin-user -- add <name> --print)',
  ),
  CTS_ADMIN_USERS_FILE: optionalText.describe(
    'File of named admin users written by npm run admin-user @default <CTS_DATA_DIR>/admin-users',
  ),
  CTS_MASTER_KEY: optionalText.describe('id:base64 32-byte key; generated into the data dir when absent'),
  CTS_PREVIOUS_MASTER_KEYS: optionalText.describe('Comma-separated older keys, for rotation'),
  CTS_JWT_SECRET: optionalText
    .refine((v) => v === undefined || v.length >= 32, 'at least 32 characters')
    .describe('HS256 secret; generated into the data dir when absent'),
  ...sharedEnvFields(),
  CTS_LIMITER_URL: optionalText
    .refine((v) => v === undefined || /^https?:\/\//.test(v), 'expected an http(s) URL')
    .describe('The CTS Worker whose Durable Objects hold shared rate limits (with CTS_LIMITER_SECRET)'),
  CTS_LIMITER_SECRET: optionalText
    .refine((v) => v === undefined || v.length >= 32, 'at least 32 characters')
    .describe("The Worker's CTS_LIMITER_SECRET"),
  CTS_TOKEN_MAX_TTL: z
    .string()
    .regex(/^\d+\s*[smhd]?$/, 'expected a duration like 12h or 30d')
    .default('30d')
    .describe('Longest accepted bearer-token lifetime (exp − iat); longer tokens are refused. @default 30d'),
  CTS_MAX_QUEUED_TASKS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(5000)
    .describe(
      'Batch tasks that may wait; a batch request beyond it gets 429 with Retry-After. @default 5000',
    ),
  CTS_METRICS_TOKEN: optionalText
    .refine((v) => v === undefined || v.length >= 32, 'at least 32 characters')
    .describe('A static bearer token for Prometheus to scrape /metrics with (besides viewer/admin JWTs)'),
  CTS_METRICS_PER_CONNECTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Add one rate-limit usage series per connection to /metrics. @default false'),
  CTS_ALERT_REMINDER_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(14_400_000)
    .describe(
      'A reminder while an alert condition still holds, this long after the last message. @default 4 h',
    ),
  CTS_ALERT_FLAP_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(300_000)
    .describe('A cleared condition must stay clear this long before "resolved" is sent. @default 5 min'),
  CTS_ALERT_LEASE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(60_000)
    .describe('A delivery claimed by a process that died is sent again after this. @default 60 s'),
  CTS_ALERT_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(2000)
    .describe('First retry delay of a failed delivery (doubling, with jitter, up to 15 min). @default 2 s'),
  CTS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  CTS_CONNECTION_CACHE: z
    .union([z.enum(['auto', 'on', 'off']), z.coerce.number().int().min(1).max(86_400_000)])
    .default('auto')
    .describe(
      'Connection list cache: auto (on for file:/:memory:, off for remote databases), on, off, or a max age in ms when other processes write to the same database. @default auto',
    ),
});

/** CTS_CONNECTION_CACHE as the createCts option (undefined = decide from the database URL). */
export function connectionCacheOf(
  value: Env['CTS_CONNECTION_CACHE'],
): boolean | { maxAgeMs: number } | undefined {
  if (value === 'auto') return undefined;
  if (value === 'on') return true;
  if (value === 'off') return false;
  return { maxAgeMs: value };
}
export type Env = z.infer<typeof envSchema>;

declare const Deno: { env: { toObject(): Record<string, string> } } | undefined;

/** The raw variables of whichever runtime we are on. */
function rawEnv(): Record<string, string | undefined> {
  if (typeof Deno !== 'undefined') return Deno.env.toObject();
  return process.env;
}

/** Parses the environment (or `source`); throws a TypeError naming each bad variable and its rule. */
export function loadEnv(source: Record<string, string | undefined> = rawEnv()): Env {
  return parseEnv(envSchema, source);
}
