import type { ExchangeRules } from './types.ts';

/**
 * The seed's table ("Bybit: 10 req/sec, 120 req/min, 5 concurrent", …) as rules, applied per (exchange,
 * account): every request costs 1 whatever its endpoint. Unsigned (public) requests carry no account for the
 * exchange, which can only count them per IP: they also count in the same table per IP (`seedIp`), shared by
 * every connection behind the IP. `publicPaths` are route prefixes or `METHOD path` endpoints.
 */
export function seedRules(
  perSecond: number,
  perMinute: number,
  concurrent: number,
  publicPaths: { routes?: string[]; endpoints?: string[] } = {},
): ExchangeRules {
  const windows = [
    { windowMs: 1000, limit: perSecond },
    { windowMs: 60_000, limit: perMinute },
  ];
  const both = { seed: 1, seedIp: 1 };
  return {
    buckets: {
      seed: {
        per: 'account',
        windows,
        concurrency: concurrent,
        // Our own request counts: the exchanges' usage headers count weight in their own rules.
        feedback: 'none',
      },
      seedIp: { per: 'ip', windows, feedback: 'none' },
    },
    routes: {
      '': { seed: 1 },
      ...Object.fromEntries((publicPaths.routes ?? []).map((prefix) => [prefix, both])),
    },
    endpoints: Object.fromEntries((publicPaths.endpoints ?? []).map((endpoint) => [endpoint, both])),
  };
}
