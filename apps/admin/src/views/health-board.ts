import type { ConnectionHealth, ExchangeId, HealthReport } from '@cts/core';
import { EXCHANGE_NAMES } from '@cts/core';
import { healthBadge, stateBadge } from './badges.ts';
import { breakerNote } from './breaker-note.ts';
import { apiTypeLabel, formatMs, formatPercent } from './format.ts';
import type { HealthSeries } from './health-series.ts';
import { type Html, html } from './html.ts';
import { keyBadges } from './key-badges.ts';
import { barSparkline, sparkline } from './sparkline.ts';
import { timeAgo } from './time-ago.ts';

type Tone = 'ok' | 'warn' | 'err' | '';

function tile(label: string, value: string | number, tone: Tone): Html {
  return html`<div class="tile ${tone ? `tile-${tone}` : ''}" data-tile="${label}" ${tone ? html`data-tone="${tone}"` : ''}><div class="value">${value}</div><div class="label">${label}</div></div>`;
}

const rateTone = (pct: number): Tone => (pct >= 99 ? 'ok' : pct >= 95 ? 'warn' : 'err');

/** Worst first: in error, breaker open, unhealthy, most errors in a row, slowest p95; then by name. */
export function healthOrder(a: ConnectionHealth, b: ConnectionHealth): number {
  const rank = (h: ConnectionHealth) =>
    h.state === 'error'
      ? 0
      : h.breaker.state !== 'closed'
        ? 1
        : h.state === 'paused'
          ? 2
          : !h.healthy && h.lastCheckTime
            ? 3
            : h.state === 'disabled'
              ? 5
              : 4;
  return (
    rank(a) - rank(b) ||
    b.errorCount - a.errorCount ||
    (b.p95ResponseTime ?? 0) - (a.p95ResponseTime ?? 0) ||
    a.name.localeCompare(b.name, 'en')
  );
}

function latency(ms: number | null, slowMs: number, label: string): Html {
  if (ms === null || !(ms > slowMs)) return html`${label}${formatMs(ms)}`;
  return html`<span class="slow" data-slow title="Above ${slowMs} ms">${label}${formatMs(ms)} (slow)</span>`;
}

function row(h: ConnectionHealth, series: HealthSeries | undefined, slowMs: number, threshold: number): Html {
  const label =
    h.state === 'disabled'
      ? 'off'
      : h.lastCheckTime === null
        ? 'untested'
        : h.healthy
          ? 'healthy'
          : 'unhealthy';
  return html`<tr data-connection-id="${h.connectionId}">
<td data-label="Connection"><strong>${h.name}</strong><div class="muted">${EXCHANGE_NAMES[h.exchange]} · ${apiTypeLabel(h.apiType)}</div>${keyBadges(h.keyAudit ?? null, h.maintenance ?? null)}</td>
<td data-label="State">${stateBadge(h.state)} ${healthBadge(label)}</td>
<td data-label="Uptime (24 h)">${formatPercent(h.uptime)}${
    series ? barSparkline(series.uptime, { label: `Uptime of ${h.name} per hour, last 24 hours` }) : ''
  }</td>
<td data-label="Response time">${latency(h.responseTime, slowMs, '')} <span class="muted">${latency(h.p95ResponseTime, slowMs, 'p95 ')}</span>${
    series && series.recentResponseTimes.length > 1
      ? sparkline(series.recentResponseTimes, {
          label: `Response times of the last ${series.recentResponseTimes.length} checks of ${h.name}`,
          min: 0,
        })
      : ''
  }</td>
<td data-label="Errors in a row">${h.errorCount}</td>
<td data-label="Breaker"><span data-breaker="${h.breaker.state}">${h.breaker.state.replace('_', '-')}</span>${breakerNote(h, threshold)}</td>
<td data-label="Last check">${timeAgo(h.lastCheckTime === null ? null : Date.parse(h.lastCheckTime))}</td>
</tr>`;
}

export interface HealthBoardOptions {
  report: HealthReport;
  /** The rows to show, worst first. @default every connection of the report, worst first */
  shown?: ConnectionHealth[];
  series: Map<string, HealthSeries>;
  /** p95 and average response times above this are highlighted. */
  slowMs: number;
  /** Consecutive failures that open a breaker. */
  breakerThreshold: number;
}

/** The live part of the health page: tiles coloured by state, rate-limit usage in one line, the worst-first table. */
export function healthBoard(p: HealthBoardOptions): Html {
  const s = p.report.summary;
  const usage = new Map<ExchangeId, number>();
  for (const h of p.report.connections)
    usage.set(h.exchange, Math.max(usage.get(h.exchange) ?? 0, h.rateLimitUsage));
  const uptime = Number(s.averageUptime);
  const rows = p.shown ?? [...p.report.connections].sort(healthOrder);
  const hidden = p.report.connections.length - rows.length;
  return html`<div class="tiles">
${tile('Connections', s.totalConnections, '')}
${tile('Active', s.activeConnections, s.activeConnections > 0 ? 'ok' : '')}
${tile('Healthy', s.healthyConnections, s.healthyConnections > 0 ? 'ok' : '')}
${tile('In error', s.errorConnections, s.errorConnections > 0 ? 'err' : 'ok')}
${tile('Average uptime', `${s.averageUptime}%`, s.totalRequests ? rateTone(uptime) : '')}
${tile('Success rate', formatPercent(s.successRate), s.totalRequests ? rateTone(s.successRate) : '')}
${tile('Requests', s.totalRequests, '')}
</div>
<section class="panel" aria-labelledby="rl-title"><h2 id="rl-title">Rate-limit usage <span class="muted">(tightest window, per exchange)</span></h2>
${
  usage.size === 0
    ? html`<p class="muted">No connections yet.</p>`
    : html`<ul class="usage" data-usage>${[...usage].map(
        ([ex, pct]) =>
          html`<li class="${pct >= 80 ? 'usage-high' : ''}" data-usage-exchange="${ex}">${EXCHANGE_NAMES[ex]} ${formatPercent(pct)}</li>`,
      )}</ul>`
}
</section>
<table class="data cards plain health-table"><thead><tr><th scope="col">Connection</th><th scope="col">State</th><th scope="col">Uptime (24 h)</th>
<th scope="col">Response time</th><th scope="col">Errors in a row</th><th scope="col">Breaker</th><th scope="col">Last check</th></tr></thead>
<tbody>${
    rows.length === 0
      ? html`<tr><td colspan="7" class="muted">No connections yet.</td></tr>`
      : rows.map((h) => row(h, p.series.get(h.connectionId), p.slowMs, p.breakerThreshold))
  }</tbody></table>
${hidden > 0 ? html`<p class="muted" data-hidden-rows>The ${rows.length} worst of ${p.report.connections.length} connections; the other ${hidden} are healthier.</p>` : ''}`;
}
