import { CONNECTION_STATES } from '@cts/core';
import type { ApiDeps } from '../deps.ts';
import { keyMetrics } from './key-metrics.ts';
import { type MetricsRegistry, renderGauge } from './registry.ts';

/** The /metrics body: request metrics from the registry, plus gauges read now from the coordinator and limiter. */
export async function scrapeMetrics(deps: ApiDeps, registry: MetricsRegistry): Promise<string> {
  // queueStatus() reads three counters; getSystemStatus() (the fallback) computes every connection's health.
  const [connections, batch] = await Promise.all([
    deps.coordinator.listConnections(),
    deps.coordinator.queueStatus?.() ?? deps.coordinator.getSystemStatus().then((s) => s.batch),
  ]);
  const byState = new Map<string, number>(CONNECTION_STATES.map((s) => [s, 0]));
  for (const c of connections) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
  const parts = [
    registry.render(),
    renderGauge(
      'cts_connections',
      'Connections by state',
      [...byState].map(([state, value]) => ({ labels: { state }, value })),
    ),
    ...keyMetrics(connections, Date.now(), deps.metricsPerConnection === true),
    renderGauge('cts_batch_queue_length', 'Batch tasks waiting', [{ labels: {}, value: batch.queueLength }]),
    renderGauge('cts_batch_active_tasks', 'Batch tasks running', [{ labels: {}, value: batch.activeTasks }]),
    renderGauge('cts_batch_completed_tasks', 'Batch tasks completed (within the result TTL)', [
      { labels: {}, value: batch.completedTasks },
    ]),
  ];
  const limiter = await deps.limiterMetrics?.();
  if (limiter) {
    // One series per exchange and limit (bucket), whatever the number of keys: a scope's key identifies an API key
    // and grows with the connections, so it never becomes a label. Usage is the fullest scope's; in flight, the sum.
    const groups = new Map<string, { labels: Record<string, string>; usage: number; inFlight: number }>();
    for (const s of limiter.scopes) {
      const labels = { exchange: s.exchange, bucket: s.bucket ?? 'all' };
      const id = `${labels.exchange}\u0000${labels.bucket}`;
      const g = groups.get(id) ?? { labels, usage: 0, inFlight: 0 };
      g.usage = Math.max(g.usage, s.usagePercent);
      g.inFlight += s.inFlight;
      groups.set(id, g);
    }
    parts.push(
      renderGauge(
        'cts_limiter_usage_percent',
        'Usage of the fullest window of the fullest scope of each exchange limit, 0..100',
        [...groups.values()].map((g) => ({ labels: g.labels, value: g.usage })),
      ),
      renderGauge(
        'cts_limiter_in_flight',
        'Requests holding a rate-limit permit, per exchange limit',
        [...groups.values()].map((g) => ({ labels: g.labels, value: g.inFlight })),
      ),
    );
    const queued = new Map<string, number>();
    for (const q of limiter.queues) queued.set(q.exchange, (queued.get(q.exchange) ?? 0) + q.queued);
    parts.push(
      renderGauge(
        'cts_limiter_queued',
        'Requests waiting for a rate-limit permit',
        [...queued].map(([exchange, value]) => ({ labels: { exchange }, value })),
      ),
    );
  }
  if (deps.metricsPerConnection) {
    const report = await deps.coordinator.getHealth({});
    parts.push(
      renderGauge(
        'cts_connection_rate_limit_usage_percent',
        "Rate-limit usage of each connection's tightest scope, 0..100",
        report.connections.map((c) => ({
          labels: { connection_id: c.connectionId, exchange: c.exchange },
          value: c.rateLimitUsage,
        })),
      ),
    );
  }
  return `${parts.filter(Boolean).join('\n')}\n`;
}
