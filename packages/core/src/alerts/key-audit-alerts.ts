import type { ConnectionRecord } from '../connections/connection.ts';
import { expiryTier, type KeyAudit, type KeyAuditFlag } from '../keys/key-audit.ts';
import type { AlertEvent, AlertEventType } from './alert-event.ts';
import { event, type Subject, subjectOf, who } from './event-builder.ts';

type KeySubject = Subject & Pick<ConnectionRecord, 'api_key_masked'>;

/** The key audit flags that raise an alert of their own, with the alert's type and text. */
const FLAG_ALERTS: ReadonlyArray<{
  flag: KeyAuditFlag;
  type: AlertEventType;
  title: (key: string, c: KeySubject) => string;
  cleared: string;
  reason: (a: KeyAudit) => string;
}> = [
  {
    flag: 'unbound_trading_key',
    type: 'key.unbound',
    title: (key, c) => `Trading key${key} of ${who(c)} is not bound to an IP`,
    cleared: 'now bound to an IP',
    reason: (a) => a.inactivity_rule ?? a.expiry_reason ?? 'Anyone holding the key can trade from anywhere.',
  },
  {
    flag: 'can_withdraw',
    type: 'key.withdraw_enabled',
    title: (key, c) => `Key${key} of ${who(c)} has withdrawal permission`,
    cleared: 'withdrawal permission removed',
    reason: () => 'A leaked key could move funds off the exchange; CTS never withdraws.',
  },
  {
    flag: 'egress_not_whitelisted',
    type: 'egress.not_whitelisted',
    title: (key, c) => `Key${key} of ${who(c)} lacks this server's egress IP in its IP list`,
    cleared: "its IP list has this server's egress IPs",
    reason: (a) =>
      `The key is bound to ${a.ips?.join(', ') ?? 'other IPs'}; the exchange will refuse it from here.`,
  },
  {
    flag: 'wrong_region',
    type: 'key.wrong_region',
    title: (key, c) => `Key${key} of ${who(c)} belongs to another region`,
    cleared: 'the region matches the key',
    reason: () =>
      "The exchange refuses the key on this connection's region; another entity's host accepts it.",
  },
];

/** The key's expiry stage in an audit: `expired`, `1d`, `7d`, `14d`, or null (no date, or further away). */
export function keyExpiryStage(a: KeyAudit | null | undefined): string | null {
  if (!a) return null;
  if (a.flags.includes('expired')) return 'expired';
  if (!a.flags.includes('expires_soon')) return null;
  const tier = expiryTier(a.days_to_expiry);
  return tier === null ? null : `${tier}d`;
}

function expiryAlert(c: KeySubject, a: KeyAudit, stage: string, at: number, resolved: boolean): AlertEvent {
  const key = c.api_key_masked ? ` ${c.api_key_masked}` : '';
  const expired = stage === 'expired';
  const days = a.days_to_expiry ?? 0;
  const when = a.expires_at ? Date.parse(a.expires_at) : undefined;
  return event(expired ? 'key.expired' : 'key.expiring', {
    ...subjectOf(c),
    resolved,
    severity: expired || stage === '1d' ? 'critical' : 'warning',
    fingerprint: `key-expiry:${c.id}`,
    stage,
    title: resolved
      ? `API key of ${who(c)} no longer expires soon`
      : expired
        ? `API key${key} of ${who(c)} expired`
        : `API key${key} of ${who(c)} expires in ${days} day${days === 1 ? '' : 's'}`,
    message: a.expires_at
      ? `Expiry: ${a.expires_at}${a.expiry_reason ? ` (${a.expiry_reason})` : ''}.`
      : 'The key has no expiry date any more.',
    hint: resolved ? undefined : (a.hint ?? undefined),
    at,
    until: resolved ? undefined : when,
    details: {
      stage,
      ...(a.days_to_expiry === null ? {} : { days_to_expiry: a.days_to_expiry }),
      ...(a.expiry_reason ? { expiry_reason: a.expiry_reason } : {}),
    },
  });
}

/**
 * The alerts a connection's new key audit raises against the stored one (null before the first): each alerting
 * flag that appeared fires and each that cleared resolves (`<type>:<connection id>` fingerprints); the expiry fires
 * at each new stage (14d → 7d → 1d → expired, fingerprint `key-expiry:<id>`) and resolves when no stage is left.
 * Reasons come from the audit (the exchange's expiry rule) and the hint is the audit's. The key audit is the only
 * source of key alerts: every test that reads permissions and every hourly re-evaluation goes through here.
 */
export function keyAuditAlerts(
  c: KeySubject,
  previous: KeyAudit | null | undefined,
  next: KeyAudit,
  at: number,
): AlertEvent[] {
  const out: AlertEvent[] = [];
  const key = c.api_key_masked ? ` ${c.api_key_masked}` : '';
  const before = keyExpiryStage(previous);
  const stage = keyExpiryStage(next);
  if (stage !== null && stage !== before) out.push(expiryAlert(c, next, stage, at, false));
  if (stage === null && before !== null) out.push(expiryAlert(c, next, before, at, true));
  const had = new Set(previous?.flags ?? []);
  for (const f of FLAG_ALERTS) {
    const present = next.flags.includes(f.flag);
    if (present === had.has(f.flag)) continue;
    out.push(
      event(f.type, {
        ...subjectOf(c),
        resolved: !present,
        fingerprint: `${f.type}:${c.id}`,
        title: present ? f.title(key, c) : `Key of ${who(c)}: ${f.cleared}`,
        message: present ? f.reason(next) : `The key audit no longer flags ${f.flag}.`,
        hint: present ? (next.hint ?? undefined) : undefined,
        at,
        details: { flag: f.flag },
      }),
    );
  }
  return out;
}
