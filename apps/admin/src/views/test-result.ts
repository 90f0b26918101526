import type { Permissions, TestResult } from '@cts/core';
import { hintForForm } from '../forms/hint-labels.ts';
import { formatAmount, formatMs } from './format.ts';
import { type Html, html } from './html.ts';

const FLAGS: Array<[keyof Permissions, string]> = [
  ['read', 'read'],
  ['trade', 'trade'],
  ['withdraw', 'withdraw'],
  ['transfer', 'transfer'],
];

function permissionsView(p: Permissions): Html {
  return html`<ul class="results" data-permissions>
${FLAGS.map(([k, label]) => html`<li><span class="badge ${p[k] ? (k === 'withdraw' ? 'badge-err' : 'badge-ok') : 'badge-muted'}">${p[k] ? 'yes' : 'no'}</span> ${label}</li>`)}
<li><span class="badge ${p.ipRestricted ? 'badge-ok' : 'badge-warn'}">${p.ipRestricted ? 'yes' : 'no'}</span> IP whitelist${
    p.ips.length ? html` <span class="muted mono">${p.ips.join(', ')}</span>` : ''
  }</li>
${p.expiresAt ? html`<li class="muted">Expires ${new Date(p.expiresAt).toISOString()}</li>` : ''}
${p.unknown ? html`<li class="muted">The exchange does not report permissions; these are our best reading.</li>` : ''}
</ul>`;
}

/** A finished test: the step log, then balance, permissions (red when the key can withdraw), clock offset, hint. */
export function testResultView(r: TestResult): Html {
  const withdraw = r.permissions?.withdraw === true;
  return html`<ol class="log" aria-label="Test log">${r.log.map((line) => html`<li>${line}</li>`)}</ol>
${
  r.error
    ? html`<div class="hint" role="alert" data-error-code="${r.error.code}"><p><strong>${r.error.code}</strong>: ${r.error.message}${
        r.error.exchangeCode !== undefined
          ? html` <span class="muted">(exchange code ${String(r.error.exchangeCode)})</span>`
          : ''
      }</p><p class="remedy"><strong>What to do:</strong> ${hintForForm(r.error.hint)}</p></div>`
    : ''
}
${withdraw ? html`<p class="warning" role="alert" data-withdraw-warning>This key can withdraw funds. Use a key without withdrawal permission: CTS only needs to read.</p>` : ''}
${r.warnings.filter((w) => !(withdraw && /withdraw/i.test(w))).map((w) => html`<p class="notice">${w}</p>`)}
<dl class="kv">
<dt>Balance</dt><dd data-balance>${r.balance ? formatAmount(r.balance.total, r.balance.currency) : '—'}${
    r.balance
      ? html` <span class="muted">(available ${formatAmount(r.balance.available, r.balance.currency)})</span>`
      : ''
  }</dd>
<dt>Clock offset</dt><dd data-clock-offset>${r.clockOffsetMs === null ? '—' : `${Math.round(r.clockOffsetMs)} ms`}</dd>
<dt>Duration</dt><dd>${formatMs(r.duration)}</dd>
<dt>Permissions</dt><dd>${r.permissions ? permissionsView(r.permissions) : '—'}</dd>
</dl>
${
  r.balance?.assets.length
    ? html`<details><summary>Assets (${r.balance.assets.length})</summary><table class="data"><thead><tr><th scope="col">Asset</th><th scope="col">Total</th><th scope="col">Available</th></tr></thead><tbody>${r.balance.assets
        .slice(0, 50)
        .map(
          (a) =>
            html`<tr><td>${a.asset}</td><td>${formatAmount(a.total)}</td><td>${formatAmount(a.available)}</td></tr>`,
        )}</tbody></table></details>`
    : ''
}`;
}
