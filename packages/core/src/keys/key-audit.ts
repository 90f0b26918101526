import type { Permissions } from '../connectors/types.ts';
import { EXCHANGE_NAMES, type ExchangeId } from '../exchanges/catalog.ts';
import { missingEgressIps } from './egress-ips.ts';
import { effectiveExpiry } from './expiry-rules.ts';

const DAY_MS = 86_400_000;

export const KEY_AUDIT_FLAGS = [
  'can_withdraw',
  'unbound_trading_key',
  'expires_soon',
  'expired',
  'egress_not_whitelisted',
  'wrong_region',
] as const;
export type KeyAuditFlag = (typeof KEY_AUDIT_FLAGS)[number];

/** Warning tiers before an expiry, in days: `expires_soon` is set from the first one on. */
export const EXPIRY_TIERS = [14, 7, 1] as const;

/**
 * What CTS knows about a key's lifecycle, from the exchange's key-info endpoint and that exchange's rule
 * (reference exchanges-2026.md §1). Stored with the connection (`key_audit`) and re-evaluated without calling the
 * exchange as time passes.
 */
export interface KeyAudit {
  /** ISO time the exchange was asked. */
  checked_at: string;
  /** Bound to IPs; null when the exchange does not say. */
  ip_bound: boolean | null;
  /** The key's IP list as the exchange returns it; null when it returns none (Binance, Pionex, OrangeX). */
  ips: string[] | null;
  /** The exchange's own permission names; null when it does not report them. */
  permissions: string[] | null;
  /** ISO time the key stops working (or loses trading): the earliest of the exchange's field and its rule. */
  expires_at: string | null;
  /** Why `expires_at` ("unbound key: Bybit stops it 90 days after creation"). */
  expiry_reason: string | null;
  /** An inactivity rule where that is the exchange's rule ("deleted after 14 days without trading use"). */
  inactivity_rule: string | null;
  /** Whole days left to `expires_at`, rounded up (0 once expired); null without a date. */
  days_to_expiry: number | null;
  flags: KeyAuditFlag[];
  /** One line a person can act on, most urgent first; null when nothing needs doing. */
  hint: string | null;
}

export interface AuditKeyInput {
  exchange: ExchangeId;
  permissions: Permissions;
  /** Epoch ms. */
  now: number;
  /** The server's egress IPs (CTS_EGRESS_IPS). @default [] */
  egressIps?: readonly string[];
}

/** The expiry tier `days` falls in (14, 7 or 1), or null when further away (or no date). */
export function expiryTier(days: number | null): number | null {
  if (days === null || days <= 0) return null;
  let tier: number | null = null;
  for (const t of EXPIRY_TIERS) if (days <= t) tier = t;
  return tier;
}

/**
 * Audits a key from what its exchange reported (Connector.getPermissions) and the exchange's rule.
 *
 * @example
 * const audit = auditKey({ exchange: 'bybit', permissions, now: Date.now(), egressIps: ['203.0.113.7'] });
 * audit.days_to_expiry; // 5
 */
export function auditKey(input: AuditKeyInput): KeyAudit {
  const p = input.permissions;
  const ipKnown = !p.unknown && !p.ipUnknown;
  const ipBound = ipKnown ? p.ipRestricted : null;
  // An exchange that reports the binding but not the list (Binance) has ips null: nothing to compare.
  const ips = ipKnown && (p.ips.length > 0 || !p.ipRestricted) && input.exchange !== 'binance' ? p.ips : null;
  const expiry = effectiveExpiry(input.exchange, p, input.now);
  const flags: KeyAuditFlag[] = [];
  if (!p.unknown && p.withdraw) flags.push('can_withdraw');
  if (ipBound === false && (p.trade || p.withdraw || p.transfer)) flags.push('unbound_trading_key');
  const base: KeyAudit = {
    checked_at: new Date(input.now).toISOString(),
    ip_bound: ipBound,
    ips,
    permissions: p.unknown ? null : (p.raw ?? permissionNames(p)),
    expires_at: expiry.expiresAt === null ? null : new Date(expiry.expiresAt).toISOString(),
    expiry_reason: expiry.reason,
    inactivity_rule: expiry.inactivityRule,
    days_to_expiry: null,
    flags,
    hint: null,
  };
  return reevaluateKeyAudit(base, input.now, input.egressIps ?? [], input.exchange);
}

function permissionNames(p: Permissions): string[] {
  return (['read', 'trade', 'withdraw', 'transfer'] as const).filter((k) => p[k]);
}

/**
 * Recomputes what depends on time and configuration (days to expiry, `expires_soon`, `expired`,
 * `egress_not_whitelisted`, the hint) from a stored audit, without calling the exchange.
 */
export function reevaluateKeyAudit(
  audit: KeyAudit,
  now: number,
  egressIps: readonly string[] = [],
  exchange?: ExchangeId,
): KeyAudit {
  const expiresAt = audit.expires_at === null ? null : Date.parse(audit.expires_at);
  const days = expiresAt === null ? null : Math.max(0, Math.ceil((expiresAt - now) / DAY_MS));
  const flags: KeyAuditFlag[] = audit.flags.filter(
    (f) => f !== 'expires_soon' && f !== 'expired' && f !== 'egress_not_whitelisted',
  );
  if (expiresAt !== null && expiresAt <= now) flags.push('expired');
  else if (expiryTier(days) !== null) flags.push('expires_soon');
  const missing = audit.ip_bound === true && audit.ips !== null ? missingEgressIps(egressIps, audit.ips) : [];
  if (missing.length > 0) flags.push('egress_not_whitelisted');
  const ordered = KEY_AUDIT_FLAGS.filter((f) => flags.includes(f));
  const next: KeyAudit = { ...audit, days_to_expiry: days, flags: ordered, hint: null };
  next.hint = auditHint(next, missing, exchange, audit.hint);
  return next;
}

/** The audit of a key found on another region's host: flagged `wrong_region`, the hint naming the region. */
export function withWrongRegion(audit: KeyAudit, hint: string): KeyAudit {
  const flags = KEY_AUDIT_FLAGS.filter((f) => f === 'wrong_region' || audit.flags.includes(f));
  return { ...audit, flags, hint };
}

/** The most urgent thing to do about a key, in one line. */
function auditHint(
  a: KeyAudit,
  missingIps: string[],
  exchange: ExchangeId | undefined,
  previous: string | null,
): string | null {
  const name = exchange ? EXCHANGE_NAMES[exchange] : 'The exchange';
  const why = a.expiry_reason ? ` (${a.expiry_reason})` : '';
  const fix =
    a.ip_bound === false ? 'bind the key to the server’s egress IPs, or rotate it' : 'rotate the key';
  if (a.flags.includes('expired')) return `This key expired on ${a.expires_at}${why}: ${fix}.`;
  if (a.flags.includes('wrong_region') && previous) return previous;
  if (a.flags.includes('egress_not_whitelisted'))
    return `The key's IP list lacks this server's egress IP ${missingIps.join(', ')}: add it on ${name} before it refuses the key.`;
  if (a.flags.includes('expires_soon')) {
    const d = a.days_to_expiry === 1 ? '1 day' : `${a.days_to_expiry} days`;
    return `This key expires in ${d}, on ${a.expires_at}${why}: ${fix}.`;
  }
  if (a.flags.includes('unbound_trading_key'))
    return `${a.inactivity_rule ?? a.expiry_reason ?? 'This key can trade and is not bound to IPs'}: bind it to the server’s egress IPs.`;
  if (a.flags.includes('can_withdraw'))
    return 'This key can withdraw funds: a monitoring key should not. Remove the withdrawal permission.';
  if (a.ip_bound === null && a.permissions === null)
    return `${name} reports neither the key's IP binding nor its expiry: CTS cannot forecast when it stops.`;
  return null;
}
