import type { ConnectionHealth, ExchangeId, HealthReport } from '@cts/core';
import { EXCHANGE_NAMES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { healthBadge, stateBadge } from './badges.ts';
import { apiTypeLabel, formatMs, formatPercent, formatTime } from './format.ts';
import type { HealthSeries } from './health-series.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';
import { barSparkline, sparkline } from './sparkline.ts';

function tile(label: string, value: string | number): Html {
  return html`<div class="tile"><div class="value">${value}</div><div class="label">${label}</div></div>`;
}

function row(h: ConnectionHealth, series: HealthSeries | undefined): Html {
  return html`<tr data-connection-id="${h.connectionId}">
<td data-label="Connection"><strong>${h.name}</strong><div class="muted">${EXCHANGE_NAMES[h.exchange]} · ${apiTypeLabel(h.apiType)}</div></td>
<td data-label="State">${stateBadge(h.state)} ${healthBadge(h.state === 'disabled' ? 'off' : h.lastCheckTime === null ? 'untested' : h.healthy ? 'healthy' : 'unhealthy')}</td>
<td data-label="Uptime (24 h)">${formatPercent(h.uptime)}${
    series ? barSparkline(series.uptime, { label: `Uptime of ${h.name} per hour, last 24 hours` }) : ''
  }</td>
<td data-label="Response time">${formatMs(h.responseTime)} <span class="muted">p95 ${formatMs(h.p95ResponseTime)}</span>${
    series
      ? sparkline(series.recentResponseTimes, {
          label: `Response times of the last ${series.recentResponseTimes.length} checks of ${h.name}`,
          min: 0,
        })
      : ''
  }</td>
<td data-label="Errors in a row">${h.errorCount}</td>
<td data-label="Breaker">${h.breaker.state}</td>
<td data-label="Clock offset">${h.clockOffsetMs === null ? '—' : `${Math.round(h.clockOffsetMs)} ms`}</td>
<td data-label="Last check">${formatTime(h.lastCheckTime === null ? null : Date.parse(h.lastCheckTime))}</td>
</tr>`;
}

/** Health: the seed's summary, per-connection uptime and response-time sparklines, rate-limit usage per exchange. */
export function healthPage(p: {
  base: string;
  session: AdminSession;
  report: HealthReport;
  series: Map<string, HealthSeries>;
}): Html {
  const s = p.report.summary;
  const usage = new Map<ExchangeId, number>();
  for (const h of p.report.connections)
    usage.set(h.exchange, Math.max(usage.get(h.exchange) ?? 0, h.rateLimitUsage));
  const body = html`<p class="muted">As of ${p.report.timestamp}</p>
<div class="tiles">
${tile('Connections', s.totalConnections)}${tile('Active', s.activeConnections)}${tile('Healthy', s.healthyConnections)}
${tile('In error', s.errorConnections)}${tile('Average uptime', `${s.averageUptime}%`)}${tile('Requests', s.totalRequests)}
${tile('Success rate', formatPercent(s.successRate))}
</div>
<section class="panel" aria-labelledby="rl-title"><h2 id="rl-title">Rate-limit usage per exchange</h2>
${
  usage.size === 0
    ? html`<p class="muted">No connections yet.</p>`
    : html`<div class="kv">${[...usage].map(
        ([ex, pct]) =>
          html`<label for="rl-${ex}">${EXCHANGE_NAMES[ex]}</label><div><meter id="rl-${ex}" min="0" max="100" low="60" high="85" optimum="0" value="${pct}">${pct}%</meter> <span class="muted">${formatPercent(pct)}</span></div>`,
      )}</div>`
}
</section>
<table class="data cards plain"><thead><tr><th scope="col">Connection</th><th scope="col">State</th><th scope="col">Uptime (24 h)</th>
<th scope="col">Response time</th><th scope="col">Errors in a row</th><th scope="col">Breaker</th><th scope="col">Clock offset</th>
<th scope="col">Last check</th></tr></thead>
<tbody>${
    p.report.connections.length === 0
      ? html`<tr><td colspan="8" class="muted">No connections yet.</td></tr>`
      : p.report.connections.map((h) => row(h, p.series.get(h.connectionId)))
  }</tbody></table>`;
  return layout({ base: p.base, title: 'Health', session: p.session, active: 'health', body });
}
