import type { CtsError } from '../../errors/cts-error.ts';
import { amount, asRecord, tidy } from '../shared/amount.ts';
import { heldAsset, quoteTotals } from '../shared/balance-rows.ts';
import { unexpectedShape } from '../shared/reply-shape.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

/** The quote currency the totals are given in. */
const QUOTE = 'USDT';

const badShape = (what: string): CtsError => unexpectedShape('BingX', what);

/** Totals in the quote currency: the USDT row (other assets are listed, not valued). */
const withTotals = (assets: AssetBalance[]): Balance => quoteTotals(assets, QUOTE);

/**
 * Perpetual balance: v3 `data[]` rows `{asset, balance, equity, availableMargin, usedMargin, freezedMargin}`
 * (v2 sent one row as `data.balance`). total = equity (balance + unrealized PnL), available = availableMargin,
 * locked = usedMargin + freezedMargin.
 */
export function normalizeBingxSwapBalance(data: unknown): Balance {
  const legacy = asRecord(asRecord(data)?.balance);
  const rows = Array.isArray(data) ? data : legacy ? [legacy] : undefined;
  if (!rows) throw badShape('perpetual balance');
  const assets = rows.map((raw): AssetBalance => {
    const row = asRecord(raw);
    if (!row || typeof row.asset !== 'string') throw badShape('perpetual balance');
    const equity = row.equity ?? row.balance;
    return {
      asset: row.asset,
      total: amount(equity, 'equity'),
      available: amount(row.availableMargin, 'availableMargin'),
      locked: tidy(amount(row.usedMargin, 'usedMargin') + amount(row.freezedMargin, 'freezedMargin')),
    };
  });
  return withTotals(assets);
}

/** Spot balance: `data.balances[]` of `{asset, free, locked}`; total = free + locked. */
export function normalizeBingxSpotBalance(data: unknown): Balance {
  const rows = asRecord(data)?.balances;
  if (!Array.isArray(rows)) throw badShape('spot balance');
  const assets = rows.map((raw): AssetBalance => {
    const row = asRecord(raw);
    if (!row || typeof row.asset !== 'string') throw badShape('spot balance');
    return heldAsset(row.asset, amount(row.free, 'free'), amount(row.locked, 'locked'));
  });
  return withTotals(assets);
}

/** BingX permission ids (BX-V3 apiPermissions). */
const PERMISSION_NAMES: Record<number, string> = {
  1: 'spot_trading',
  2: 'read',
  3: 'perpetual_trading',
  4: 'universal_transfer',
  5: 'withdraw',
  7: 'sub_account_transfer',
};

/** `GET /openApi/v1/account/apiPermissions` → `{apiKey, permissions[], ipAddresses[], note}`. */
export function normalizeBingxPermissions(data: unknown): Permissions {
  const body = asRecord(data);
  if (!body || !Array.isArray(body.permissions)) throw badShape('apiPermissions');
  const ids = new Set(body.permissions.map((p) => Number(p)));
  const ips = Array.isArray(body.ipAddresses)
    ? body.ipAddresses.filter((ip): ip is string => typeof ip === 'string' && ip.trim() !== '')
    : [];
  return {
    read: ids.has(2),
    trade: ids.has(1) || ids.has(3),
    withdraw: ids.has(5),
    transfer: ids.has(4) || ids.has(7),
    ipRestricted: ips.length > 0,
    ips,
    expiresAt: null,
    raw: body.permissions.map((p) => PERMISSION_NAMES[Number(p)] ?? `permission_${String(p)}`),
  };
}
