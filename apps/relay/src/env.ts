/** The relay's only reader of the environment: parsed with zod once, on Node and Bun alike. */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const relayEnvSchema = z.object({
  RELAY_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .describe('Shared HMAC secret; the same value goes into CTS_EGRESS_RELAYS on the CTS side'),
  RELAY_HOST: z.string().min(1).default('127.0.0.1').describe('Address to listen on @default 127.0.0.1'),
  RELAY_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(8788)
    .describe('@default 8788 (0 picks a free port)'),
  RELAY_LOCAL_ADDRESS: optionalText.describe(
    'Local address exchange calls leave from (a static IP of this host) @default the OS route',
  ),
  RELAY_SIMULATOR_URL: optionalText
    .refine((v) => v === undefined || (/^https?:\/\//i.test(v) && URL.canParse(v)), 'expected an http(s) URL')
    .describe('Also forward to URLs under this base (the simulator) @default none'),
  RELAY_WINDOW_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000).describe('@default 30000'),
  RELAY_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_485_760)
    .default(65_536)
    .describe('@default 65536'),
  RELAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000).describe('@default 10000'),
  RELAY_METRICS_TOKEN: optionalText
    .refine((v) => v === undefined || v.length >= 32, 'at least 32 characters')
    .describe('Bearer token /metrics asks for @default none'),
  RELAY_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type RelayEnv = z.infer<typeof relayEnvSchema>;

/** Parses `source`; throws a TypeError naming each bad variable and its rule (never a value). */
export function loadRelayEnv(source: Record<string, string | undefined>): RelayEnv {
  const result = relayEnvSchema.safeParse(source);
  if (!result.success)
    throw new TypeError(
      `Invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}
