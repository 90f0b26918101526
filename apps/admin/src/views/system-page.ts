import type { ExchangeId, SystemStatus } from '@cts/core';
import { EXCHANGE_NAMES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { formatPercent } from './format.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';
import { timeAgo } from './time-ago.ts';

const STATUS_CLASS = { healthy: 'badge-ok', degraded: 'badge-warn', unhealthy: 'badge-err' } as const;

function kv(pairs: Array<[string, string | number | Html]>): Html {
  return html`<dl class="kv">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** What the host tells about itself, for the System page. */
export interface InstanceView {
  version: string | null;
  runtime: string;
  startedAt: number;
  database: string | null;
  egressIps: string[];
  nextScheduledRun: number | null;
  schedule: string | null;
}

function egress(ips: string[]): Html {
  if (ips.length === 0)
    return html`<span class="muted">not configured (CTS_EGRESS_IPS): keys cannot be checked against our IPs</span>`;
  return html`<div class="copy-row"><span class="mono" data-egress-ips>${ips.join(', ')}</span>
<button type="button" class="btn btn-small" data-copy="${ips.join('\n')}" aria-label="Copy the egress IPs">Copy</button></div>`;
}

/** The live part of the System page: status, this instance, then the seed's system status. */
export function systemBoard(s: SystemStatus, i: InstanceView): Html {
  const byExchange = Object.entries(s.connections.byExchange) as Array<[ExchangeId, number]>;
  return html`<p>Status: <span class="badge ${STATUS_CLASS[s.status]}" data-system-status="${s.status}">${s.status}</span></p>
<section class="panel" aria-labelledby="instance-title"><h2 id="instance-title">This instance</h2>${kv([
    ['Version', i.version ?? '—'],
    ['Runtime', html`<span data-runtime>${i.runtime}</span>`],
    ['Up since', timeAgo(i.startedAt)],
    ['Database', i.database ?? '—'],
    ['Egress IPs', egress(i.egressIps)],
    [
      'Next health checks',
      i.nextScheduledRun === null
        ? '—'
        : html`${timeAgo(i.nextScheduledRun)}${i.schedule ? html` <span class="muted">(${i.schedule})</span>` : ''}`,
    ],
  ])}</section>
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
}

/** The System page around its live region. */
export function systemPage(p: { base: string; session: AdminSession; board: Html }): Html {
  return layout({ base: p.base, title: 'System', session: p.session, active: 'system', body: p.board });
}
