import { type ConnectionRecord, KEY_AUDIT_FLAGS } from '@cts/core';
import { renderGauge } from './registry.ts';

/**
 * Key-lifecycle gauges from the stored key audits: connections per audit flag and the soonest key expiry per
 * exchange (bounded: 6 flags, 6 exchanges); with `perConnection`, seconds to expiry of each connection whose key
 * has a known expiry (one series per such connection).
 */
export function keyMetrics(
  connections: readonly ConnectionRecord[],
  now: number,
  perConnection: boolean,
): string[] {
  const expiring = connections.flatMap((c) =>
    c.key_audit?.expires_at
      ? [{ c, seconds: Math.round((Date.parse(c.key_audit.expires_at) - now) / 1000) }]
      : [],
  );
  const soonest = new Map<string, number>();
  for (const { c, seconds } of expiring)
    soonest.set(c.exchange, Math.min(seconds, soonest.get(c.exchange) ?? Number.POSITIVE_INFINITY));
  const parts = [
    renderGauge(
      'cts_key_audit_flags',
      'Connections whose key audit carries each flag',
      KEY_AUDIT_FLAGS.map((flag) => ({
        labels: { flag },
        value: connections.filter((c) => c.key_audit?.flags.includes(flag)).length,
      })),
    ),
    renderGauge(
      'cts_key_expiry_min_seconds',
      'Seconds until the soonest key expiry of each exchange (effective expiry; negative once expired)',
      [...soonest].map(([exchange, value]) => ({ labels: { exchange }, value })),
    ),
  ];
  if (perConnection)
    parts.push(
      renderGauge(
        'cts_key_expiry_seconds',
        "Seconds until each connection's key stops working (effective expiry; negative once expired)",
        expiring.map(({ c, seconds }) => ({
          labels: { connection_id: c.id, exchange: c.exchange },
          value: seconds,
        })),
      ),
    );
  return parts;
}
