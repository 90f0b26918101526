import type { ExchangeId, SystemStatus } from '@cts/core';
import { EXCHANGE_NAMES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { formatPercent } from './format.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';

const STATUS_CLASS = { healthy: 'badge-ok', degraded: 'badge-warn', unhealthy: 'badge-err' } as const;

function kv(pairs: Array<[string, string | number]>): Html {
  return html`<dl class="kv">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** The system status page (the seed's GET /api/system/status, for people). */
export function systemPage(p: { base: string; session: AdminSession; status: SystemStatus }): Html {
  const s = p.status;
  const byExchange = Object.entries(s.connections.byExchange) as Array<[ExchangeId, number]>;
  const body = html`<p>Status: <span class="badge ${STATUS_CLASS[s.status]}" data-system-status="${s.status}">${s.status}</span></p>
<div class="tiles">
<section class="panel"><h2>Connections</h2>${kv([
    ['Total', s.connections.total],
    ['Active', s.connections.active],
    ...byExchange.map(([ex, n]): [string, number] => [EXCHANGE_NAMES[ex], n]),
  ])}</section>
<section class="panel"><h2>Health</h2>${kv([
    ['Healthy', s.health.healthy],
    ['Unhealthy', s.health.unhealthy],
    ['Average uptime', `${s.health.averageUptime}%`],
  ])}</section>
<section class="panel"><h2>Requests</h2>${kv([
    ['Total', s.metrics.totalRequests],
    ['Success rate', formatPercent(s.metrics.successRate)],
    ['Average response time', `${s.metrics.averageResponseTime} ms`],
  ])}</section>
<section class="panel"><h2>Batch processor</h2>${kv([
    ['Queued', s.batch.queueLength],
    ['Running', s.batch.activeTasks],
    ['Completed', s.batch.completedTasks],
  ])}</section>
</div>
<section class="panel"><h2>Features</h2>${kv([
    ['Rate limiting', s.features.rateLimiting],
    ['Batch processing', s.features.batchProcessing],
    ['Health monitoring', s.features.healthMonitoring],
  ])}</section>`;
  return layout({ base: p.base, title: 'System status', session: p.session, active: 'system', body });
}
