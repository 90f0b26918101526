import { CtsError } from '../../errors/cts-error.ts';
import { lenientAmount as amount, tidy } from '../shared/amount.ts';
import { replyList, replyRecord } from '../shared/reply-shape.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

type Row = Record<string, unknown>;

// Bybit sends amounts as strings, "" when not applicable: "" and garbage read as 0 (lenientAmount).
const object = (value: unknown, what: string): Row => replyRecord(value, 'Bybit', what);
const list = (value: unknown, what: string): unknown[] => replyList(value, 'Bybit', what);

/**
 * `GET /v5/account/wallet-balance?accountType=UNIFIED` result → Balance. Account figures are Bybit's own USD
 * valuations (`totalEquity`, `totalAvailableBalance`). Per coin: total = walletBalance (equity when empty),
 * locked = locked, available = walletBalance − locked − totalPositionIM − totalOrderIM, clamped ≥ 0 (the
 * isolated formula in the docs, without the bonus term).
 */
export function normalizeBybitBalance(result: unknown): Balance {
  const account = list(object(result, 'result').list, 'result.list')[0];
  if (account === undefined) return { currency: 'USD', total: 0, available: 0, assets: [] };
  const a = object(account, 'result.list[0]');
  const assets: AssetBalance[] = list(a.coin ?? [], 'coin').map((entry, i) => {
    const c = object(entry, `coin[${i}]`);
    const total =
      c.walletBalance === '' || c.walletBalance === undefined ? amount(c.equity) : amount(c.walletBalance);
    const locked = amount(c.locked);
    const available = Math.max(0, tidy(total - locked - amount(c.totalPositionIM) - amount(c.totalOrderIM)));
    return { asset: String(c.coin), total, available, locked };
  });
  return {
    currency: 'USD',
    total: amount(a.totalEquity),
    available: amount(a.totalAvailableBalance),
    assets,
  };
}

const TRADE_GROUPS = [
  'ContractTrade',
  'Spot',
  'Options',
  'Derivatives',
  'CopyTrading',
  'BlockTrade',
  'Exchange',
];

/**
 * `GET /v5/user/query-api` result → Permissions. `readOnly` 1 forbids every write; trade = any trading group
 * granted; withdraw = Wallet has "Withdraw"; transfer = Wallet has an account or sub-member transfer; IPs `["*"]`
 * (or none) = not restricted; `expiredAt` / `createdAt` (ISO) → epoch ms; `deadlineDay` (days left, only for keys
 * with no bound IP or after a password change; negative when none) → daysLeft. The pay permission is read under
 * both its names, `FiatBybitPay` and `FiatBitPay` (renamed 2026-04-09); paying sends funds out of the account, so
 * CTS counts it as withdraw (our reading, not Bybit's wording).
 */
export function normalizeBybitPermissions(result: unknown): Permissions {
  const r = object(result, 'result');
  const groups = r.permissions === undefined ? {} : object(r.permissions, 'permissions');
  const granted = (group: string): string[] =>
    Array.isArray(groups[group]) ? (groups[group] as unknown[]).map(String) : [];
  const writable = amount(r.readOnly) === 0;
  const wallet = granted('Wallet');
  // FiatBybitPay was renamed FiatBitPay (2026-04-09): either name grants the same pay permission.
  const pay = [...granted('FiatBybitPay'), ...granted('FiatBitPay')];
  const ips = (Array.isArray(r.ips) ? r.ips.map(String) : []).filter((ip) => ip !== '' && ip !== '*');
  const expires =
    typeof r.expiredAt === 'string' && r.expiredAt !== '' ? Date.parse(r.expiredAt) : Number.NaN;
  const created =
    typeof r.createdAt === 'string' && r.createdAt !== '' ? Date.parse(r.createdAt) : Number.NaN;
  return {
    read: true,
    trade: writable && TRADE_GROUPS.some((g) => granted(g).length > 0),
    withdraw: writable && (wallet.includes('Withdraw') || pay.length > 0),
    transfer: writable && wallet.some((p) => p.includes('Transfer')),
    ipRestricted: ips.length > 0,
    ips,
    expiresAt: Number.isFinite(expires) ? expires : null,
    raw: Object.keys(groups).flatMap((g) => granted(g).map((p) => `${g}:${p}`)),
    createdAt: Number.isFinite(created) ? created : null,
    daysLeft: typeof r.deadlineDay === 'number' && r.deadlineDay >= 0 ? r.deadlineDay : null,
  };
}

/** `GET /v5/market/time` → epoch ms: top-level `time` (ms), else `result.timeNano`, else `result.timeSecond`. */
export function bybitServerTime(envelope: { result: unknown; time?: unknown }): number {
  const time = amount(envelope.time);
  if (time > 0) return time;
  const r = object(envelope.result, 'result');
  const nano = amount(r.timeNano);
  if (nano > 0) return Math.floor(nano / 1e6);
  const seconds = amount(r.timeSecond);
  if (seconds > 0) return seconds * 1000;
  throw new CtsError('exchange.bad_response', 'Bybit: the time reply has no time');
}
