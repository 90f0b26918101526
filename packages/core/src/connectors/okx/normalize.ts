import { CtsError } from '../../errors/cts-error.ts';
import { lenientAmount as amount, tidy } from '../shared/amount.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

type Row = Record<string, unknown>;

// OKX sends amounts as strings, "" when not applicable in the account mode: those read as 0 (lenientAmount).

function first(data: unknown, what: string): Row {
  const row = Array.isArray(data) ? data[0] : undefined;
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    throw new CtsError('exchange.bad_response', `OKX: ${what} has no data[0]`);
  return row as Row;
}

/**
 * `GET /api/v5/account/balance` data → Balance in USD. total = `totalEq`; available = `availEq` when the account
 * mode reports it, else each currency's `availBal` valued at its own `eqUsd / eq` rate. Per currency: total =
 * `eq` (`cashBal` when empty), available = `availBal`, locked = `frozenBal`.
 */
export function normalizeOkxBalance(data: unknown): Balance {
  const account = first(data, 'balance');
  const details = Array.isArray(account.details) ? (account.details as Row[]) : [];
  let valuedAvailable = 0;
  const assets: AssetBalance[] = details.map((d) => {
    const total = d.eq === '' || d.eq === undefined ? amount(d.cashBal) : amount(d.eq);
    const available = amount(d.availBal);
    if (total > 0) valuedAvailable += (available * amount(d.eqUsd)) / total;
    return { asset: String(d.ccy), total, available, locked: amount(d.frozenBal) };
  });
  const reported = account.availEq !== undefined && account.availEq !== '';
  return {
    currency: 'USD',
    total: amount(account.totalEq),
    available: reported ? amount(account.availEq) : tidy(valuedAvailable),
    assets,
  };
}

/**
 * `GET /api/v5/account/config` data → Permissions. `perm` lists read_only, trade, withdraw; `ip` lists bound
 * IPs ("" = none). OKX has no separate transfer permission: funds transfer is a Trade-permission endpoint in
 * OKX's docs (not confirmed in our reference), so transfer = trade. OKX reports no expiry.
 */
export function normalizeOkxPermissions(data: unknown): Permissions {
  const config = first(data, 'account config');
  const perms = String(config.perm ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const ips = String(config.ip ?? '')
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
  const trade = perms.includes('trade');
  return {
    read: perms.includes('read_only') || perms.length > 0,
    trade,
    withdraw: perms.includes('withdraw'),
    transfer: trade,
    ipRestricted: ips.length > 0,
    ips,
    expiresAt: null,
    raw: perms,
  };
}

/** `GET /api/v5/public/time` data → epoch ms (`data[0].ts`). */
export function okxServerTime(data: unknown): number {
  const ts = amount(first(data, 'time').ts);
  if (ts <= 0) throw new CtsError('exchange.bad_response', 'OKX: the time reply has no ts');
  return ts;
}
