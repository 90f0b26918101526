import type { Permissions } from '../connectors/types.ts';
import type { ExchangeId } from '../exchanges/catalog.ts';

const DAY_MS = 86_400_000;

/** When and why an exchange stops a key, as far as its own fields and published rule say. */
export interface ExpiryVerdict {
  /** Epoch ms the key stops working (or loses trading), or null when no date applies or is known. */
  expiresAt: number | null;
  /** Why `expiresAt`: the rule or the exchange's field it comes from. */
  reason: string | null;
  /** An inactivity rule instead of a date ("deleted after 14 days without trading use"), or null. */
  inactivityRule: string | null;
}

type Rule = (p: Permissions, now: number) => ExpiryVerdict;

const NONE: ExpiryVerdict = { expiresAt: null, reason: null, inactivityRule: null };

/** Not bound to IPs, as far as the exchange says (false when it does not say). */
const unbound = (p: Permissions): boolean => !p.unknown && !p.ipUnknown && !p.ipRestricted;
const writes = (p: Permissions): boolean => p.trade || p.withdraw || p.transfer;

/**
 * Bybit (reference 2026 §1): a key with no bound IP stops 90 days after creation (`createdAt`); any key stops 7
 * days after the account password changes, which Bybit reports in `expiredAt` / `deadlineDay`. The earliest wins;
 * the 90-day rule names the reason when Bybit's own date agrees with it (within a day).
 */
const bybit: Rule = (p, now) => {
  const reported =
    p.expiresAt ??
    (p.daysLeft !== undefined && p.daysLeft !== null && p.daysLeft >= 0 ? now + p.daysLeft * DAY_MS : null);
  const rule = unbound(p) && p.createdAt != null ? p.createdAt + 90 * DAY_MS : null;
  if (rule !== null && (reported === null || Math.abs(reported - rule) <= DAY_MS))
    return {
      expiresAt: reported ?? rule,
      reason: 'unbound key: Bybit stops it 90 days after creation',
      inactivityRule: null,
    };
  if (reported !== null && (rule === null || reported < rule))
    return {
      expiresAt: reported,
      reason:
        'Bybit reports this expiry (expiredAt): a key also stops 7 days after the account password changes',
      inactivityRule: null,
    };
  return rule === null
    ? NONE
    : { expiresAt: rule, reason: 'unbound key: Bybit stops it 90 days after creation', inactivityRule: null };
};

/**
 * Binance (§1): an unrestricted key with any permission beyond reading loses trading (the date is
 * `tradingAuthorityExpirationTime`, when set) and the 2026 key page says such keys will be deleted.
 */
const binance: Rule = (p) => {
  if (p.tradingExpiresAt != null)
    return {
      expiresAt: p.tradingExpiresAt,
      reason: unbound(p)
        ? 'unrestricted key: Binance switches its trading off at tradingAuthorityExpirationTime and deletes such keys'
        : 'Binance switches this key’s trading off at tradingAuthorityExpirationTime',
      inactivityRule: null,
    };
  if (unbound(p) && writes(p))
    return {
      expiresAt: null,
      reason: null,
      inactivityRule: 'unrestricted key that can trade: Binance says such keys will be deleted',
    };
  return NONE;
};

/**
 * OKX (§1): a key with trade or withdraw permission and no bound IP is deleted after 14 days without use; only
 * trading/withdrawal calls and WebSocket login count as use (UNCONFIRMED), so read-only checks may not keep it.
 */
const okx: Rule = (p) =>
  unbound(p) && (p.trade || p.withdraw)
    ? {
        expiresAt: null,
        reason: null,
        inactivityRule:
          'unbound key with trade/withdraw permission: OKX deletes it after 14 days without trading use (read-only checks may not count)',
      }
    : NONE;

/**
 * BingX (§1): a key with no bound IP that can trade, transfer or move sub-account funds is deleted after 14 days
 * of inactivity; IP-bound and read-only keys never expire.
 */
const bingx: Rule = (p) =>
  unbound(p) && writes(p)
    ? {
        expiresAt: null,
        reason: null,
        inactivityRule:
          'unbound key with trading/transfer permission: BingX deletes it after 14 days of inactivity',
      }
    : NONE;

/** Pionex and OrangeX publish no expiry rule and no key-info endpoint: nothing to forecast. */
const unpublished: Rule = () => NONE;

/** Each exchange's expiry rule, applied to what its key-info endpoint reported. */
export const EXPIRY_RULES: Record<ExchangeId, Rule> = {
  bybit,
  binance,
  okx,
  bingx,
  pionex: unpublished,
  orangex: unpublished,
};

/** The effective expiry of a key on `exchange`: the earliest of the exchange's own field and its published rule. */
export function effectiveExpiry(exchange: ExchangeId, permissions: Permissions, now: number): ExpiryVerdict {
  return EXPIRY_RULES[exchange](permissions, now);
}
