/**
 * The configuration variables every host reads the same way (the Node/Bun/Deno server and the Cloudflare Worker):
 * one zod field each, spread into the host's own env schema. Web-standard (no node:*): bundled into the Worker.
 */
import { parseEgressRelays } from '@cts/core/egress';
import { parseEgressIps } from '@cts/core/keys';
import { z } from 'zod';

/** A trimmed string where empty means unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional variable parsed by a core parser whose errors start with `prefix` (dropped: zod names the path). */
function parsedBy<T>(parse: (raw: string | undefined) => T, prefix: RegExp) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parse(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(prefix, '') });
        return z.NEVER;
      }
    });
}

/** How the host keeps a variable that holds secrets. */
export interface SharedEnvHost {
  /** Appended to CTS_EGRESS_RELAYS' description, e.g. where its relay secrets belong. @default '' */
  egressRelaysNote?: string;
}

/** The zod fields shared by the server's and the Worker's env schemas. */
export function sharedEnvFields(host: SharedEnvHost = {}) {
  return {
    CTS_EXCHANGE_BASE_URL: optionalText
      .refine(
        (v) => v === undefined || (/^https?:\/\//i.test(v) && URL.canParse(v)),
        'expected an http(s) URL',
      )
      .describe('Sends every exchange request to <url>/<exchange> (the simulator)'),
    CTS_EGRESS_IPS: parsedBy(parseEgressIps, /^CTS_EGRESS_IPS: /).describe(
      "Comma-separated IPs this server's exchange calls leave from; keys bound to IPs that lack one are flagged egress_not_whitelisted @default none",
    ),
    CTS_EGRESS_RELAYS: parsedBy(parseEgressRelays, /^CTS_EGRESS_RELAYS/).describe(
      `Egress relays (apps/relay), JSON: [{"url","secret","ips":[…],"exchanges"?:[…]}]${host.egressRelaysNote ?? ''}; exchange calls go through the first relay serving the exchange (the next on network errors) and their IPs are the ones to bind keys to @default none (direct egress)`,
    ),
    CTS_ALERT_ALLOW_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .describe(
        'Comma-separated alert destination hosts exempt from the rules (https only, no private/loopback/link-local addresses); they may also use http:. @default none',
      ),
    CTS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  };
}

/** Parses `source` with `schema`; throws a TypeError naming each bad variable and its rule (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, source: unknown): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success)
    throw new TypeError(
      `Invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}
