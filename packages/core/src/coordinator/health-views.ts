import type { ConnectionRecord } from '../connections/connection.ts';
import type { HealthStats } from '../health/health-tracker.ts';
import type { ConnectionRuntime } from './connection-runtime.ts';
import type { ConnectionHealth, HealthReport, MaintenanceView, SystemStatus } from './types.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round2 = (n: number) => Math.round(n * 100) / 100;

/** One connection's health as the seed shows it. Healthy: active, breaker closed, last observation a success. */
export function connectionHealth(
  record: ConnectionRecord,
  rt: ConnectionRuntime,
  stats: HealthStats,
  rateLimitUsage: number,
  maintenance: MaintenanceView | null = null,
): ConnectionHealth {
  const breakerState = rt.breaker.state;
  return {
    connectionId: record.id,
    name: record.name,
    exchange: record.exchange,
    apiType: record.api_type,
    state: record.state,
    lastCheckTime: iso(stats.lastCheckAt),
    responseTime: stats.averageResponseMs === null ? null : round2(stats.averageResponseMs),
    p95ResponseTime: stats.p95ResponseMs === null ? null : round2(stats.p95ResponseMs),
    errorCount: stats.consecutiveErrors,
    successCount: stats.consecutiveSuccesses,
    uptime: stats.uptime === null ? 0 : round2(stats.uptime),
    successRate: stats.successRate === null ? 0 : round2(stats.successRate),
    totalRequests: stats.totalRequests,
    rateLimitUsage: round2(Math.max(0, Math.min(100, rateLimitUsage))),
    clockOffsetMs: stats.clockOffsetMs,
    keyExpiresAt: record.key_audit?.expires_at ?? iso(stats.keyExpiresAt),
    keyAudit: record.key_audit,
    maintenance,
    breaker: {
      state: breakerState,
      openedAt: iso(rt.breaker.openedAt),
      nextProbeAt: iso(rt.breaker.nextProbeAt),
    },
    healthy: record.state === 'active' && breakerState === 'closed' && stats.consecutiveErrors === 0,
  };
}

interface Totals {
  healthy: number;
  enabled: number;
  averageUptime: string;
  totalRequests: number;
  successRate: number;
  averageResponseTime: number;
}

/** Averages over the connections that have observations (uptime) or requests (rates, response time). */
function totals(items: ConnectionHealth[]): Totals {
  let uptimeSum = 0;
  let uptimeN = 0;
  let requests = 0;
  let successes = 0;
  let timeWeighted = 0;
  let timeN = 0;
  for (const h of items) {
    if (h.totalRequests > 0) {
      uptimeSum += h.uptime;
      uptimeN++;
      requests += h.totalRequests;
      successes += Math.round((h.successRate / 100) * h.totalRequests); // exact: counts are integers
    }
    if (h.responseTime !== null) {
      timeWeighted += h.responseTime * Math.max(1, h.totalRequests);
      timeN += Math.max(1, h.totalRequests);
    }
  }
  return {
    healthy: items.filter((h) => h.healthy).length,
    enabled: items.filter((h) => h.state !== 'disabled').length,
    averageUptime: (uptimeN === 0 ? 0 : uptimeSum / uptimeN).toFixed(2),
    totalRequests: requests,
    successRate: requests === 0 ? 0 : round2((successes / requests) * 100),
    averageResponseTime: timeN === 0 ? 0 : timeWeighted / timeN,
  };
}

/** GET /api/settings/connections/health. */
export function healthReport(now: number, items: ConnectionHealth[]): HealthReport {
  const t = totals(items);
  return {
    timestamp: new Date(now).toISOString(),
    summary: {
      totalConnections: items.length,
      activeConnections: items.filter((h) => h.state === 'active').length,
      healthyConnections: t.healthy,
      errorConnections: items.filter((h) => h.state === 'error').length,
      averageUptime: t.averageUptime,
      totalRequests: t.totalRequests,
      successRate: t.successRate,
    },
    connections: items,
  };
}

/** GET /api/system/status. Healthy when every enabled connection is; unhealthy when none is. */
export function systemStatus(
  items: ConnectionHealth[],
  batch: SystemStatus['batch'],
  features: SystemStatus['features'],
): SystemStatus {
  const t = totals(items);
  const unhealthy = t.enabled - t.healthy;
  const byExchange: SystemStatus['connections']['byExchange'] = {};
  for (const h of items) byExchange[h.exchange] = (byExchange[h.exchange] ?? 0) + 1;
  return {
    status: unhealthy <= 0 ? 'healthy' : t.healthy === 0 ? 'unhealthy' : 'degraded',
    connections: {
      total: items.length,
      active: items.filter((h) => h.state === 'active').length,
      byExchange,
    },
    health: { healthy: t.healthy, unhealthy: Math.max(0, unhealthy), averageUptime: t.averageUptime },
    metrics: {
      totalRequests: t.totalRequests,
      successRate: t.successRate.toFixed(2),
      averageResponseTime: t.averageResponseTime.toFixed(2),
    },
    batch,
    features,
  };
}
