import type { CtsError } from '../../errors/cts-error.ts';
import { amount, asRecord, tidy } from '../shared/amount.ts';
import { heldAsset, quoteTotals } from '../shared/balance-rows.ts';
import { unexpectedShape } from '../shared/reply-shape.ts';
import { unknownPermissions } from '../shared/unknown-permissions.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

/** The quote currency the totals are given in. */
const QUOTE = 'USDT';

const badShape = (what: string): CtsError => unexpectedShape('Pionex', what);

function rowsOf(value: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw badShape(what);
  return value.map((raw) => {
    const row = asRecord(raw);
    if (!row || typeof row.coin !== 'string') throw badShape(what);
    return row;
  });
}

const withTotals = (assets: AssetBalance[]): Balance => quoteTotals(assets, QUOTE);

/** Spot `GET /api/v1/account/balances` → `data.balances[]` of `{coin, free, frozen}`; total = free + frozen. */
export function normalizePionexSpotBalance(data: unknown): Balance {
  const assets = rowsOf(asRecord(data)?.balances, 'spot balance').map((row): AssetBalance => {
    return heldAsset(row.coin as string, amount(row.free, 'free'), amount(row.frozen, 'frozen'));
  });
  return withTotals(assets);
}

/**
 * Futures `GET /uapi/v1/account/balances` → `data.balances[]` (cross: `{coin, free, frozen, debts}`) and
 * `data.isolates[]` (`{symbol, isolatedMode, balances[]}`). Per coin: total = free + frozen − debts plus the
 * coin's isolated margin; available = cross free; locked = cross frozen plus isolated margin (held by positions).
 */
export function normalizePionexFuturesBalance(data: unknown): Balance {
  const body = asRecord(data);
  const byCoin = new Map<string, AssetBalance>();
  const entry = (coin: string) => {
    const known = byCoin.get(coin);
    if (known) return known;
    const fresh: AssetBalance = { asset: coin, total: 0, available: 0, locked: 0 };
    byCoin.set(coin, fresh);
    return fresh;
  };
  for (const row of rowsOf(body?.balances ?? [], 'futures balance')) {
    const a = entry(row.coin as string);
    const free = amount(row.free, 'free');
    const frozen = amount(row.frozen, 'frozen');
    a.total = tidy(a.total + free + frozen - amount(row.debts, 'debts'));
    a.available = tidy(a.available + free);
    a.locked = tidy(a.locked + frozen);
  }
  const isolates = body?.isolates ?? [];
  if (!Array.isArray(isolates)) throw badShape('futures balance');
  for (const raw of isolates) {
    for (const row of rowsOf(asRecord(raw)?.balances ?? [], 'futures isolated balance')) {
      const a = entry(row.coin as string);
      const held = amount(row.free, 'free') + amount(row.frozen, 'frozen') - amount(row.debts, 'debts');
      a.total = tidy(a.total + held);
      a.locked = tidy(a.locked + held);
    }
  }
  return withTotals([...byCoin.values()]);
}

/**
 * Pionex documents no permission endpoint: the signed balance read succeeding proves "reading"; trading and
 * transfer cannot be seen without attempting them, so they read false and `unknown` is set.
 */
export function pionexProbedPermissions(): Permissions {
  return unknownPermissions(['read']);
}
