import type { MaintenanceView } from '@cts/core';
import type { KeyAudit } from '@cts/core/keys';
import { formatTime } from './format.ts';
import { type Html, html } from './html.ts';

/** Each key flag as a badge: words a person reads, the severity as a class (never colour alone). */
function flagBadge(flag: string, days: number | null): Html {
  switch (flag) {
    case 'can_withdraw':
      return html`<span class="badge badge-err" data-flag="can_withdraw" title="This key can withdraw funds: use a read-only key">can withdraw</span>`;
    case 'unbound_trading_key':
      return html`<span class="badge badge-warn" data-flag="unbound_trading_key" title="A trading key without an IP whitelist">no IP whitelist</span>`;
    case 'expires_soon':
      return html`<span class="badge badge-warn" data-flag="expires_soon">${days === null ? 'expires soon' : `expires in ${days} day${days === 1 ? '' : 's'}`}</span>`;
    case 'expired':
      return html`<span class="badge badge-err" data-flag="expired">key expired</span>`;
    case 'egress_not_whitelisted':
      return html`<span class="badge badge-err" data-flag="egress_not_whitelisted" title="Our egress IP is not on the key's whitelist">egress IP not whitelisted</span>`;
    case 'wrong_region':
      return html`<span class="badge badge-err" data-flag="wrong_region" title="The key belongs to another region of the exchange">wrong region</span>`;
    default:
      return html`<span class="badge badge-warn" data-flag="${flag}">${flag.replaceAll('_', ' ')}</span>`;
  }
}

/** The badges of a connection's key audit and its exchange's maintenance window (nothing when all is well). */
export function keyBadges(audit: KeyAudit | null, maintenance: MaintenanceView | null): Html {
  const until =
    maintenance?.until === null || maintenance?.until === undefined
      ? ''
      : ` until ${formatTime(Date.parse(maintenance.until))}`;
  return html`${audit ? audit.flags.map((f) => flagBadge(f, audit.days_to_expiry)) : ''}${
    maintenance
      ? html`<span class="badge badge-warn" data-flag="maintenance" title="${maintenance.message ?? ''}">maintenance${until}</span>`
      : ''
  }`;
}
