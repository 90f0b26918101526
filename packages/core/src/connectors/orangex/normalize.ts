import { CtsError } from '../../errors/cts-error.ts';
import { amount, asRecord, tidy } from '../shared/amount.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';
import type { OrangexAssetType } from './endpoints.ts';

/**
 * The result fields come from third-party code (reference 6.3, UNCONFIRMED against the official docs), so the
 * readers accept the documented names and fall back where a field is missing.
 */
function badShape(what: string): CtsError {
  return new CtsError('exchange.bad_response', `OrangeX sent a ${what} reply in an unexpected shape`);
}

function firstString(row: Record<string, unknown>, keys: string[], fallback: string): string {
  for (const k of keys) if (typeof row[k] === 'string' && row[k] !== '') return row[k] as string;
  return fallback;
}

/**
 * PERPETUAL → `{available_funds, wallet_balance, total_margin_balance, order_frozen, …}`: total = margin
 * balance (wallet + unrealized PnL; wallet_balance when absent), available = available_funds,
 * locked = total − available (margin held by positions and orders).
 */
function perpetual(result: Record<string, unknown>): Balance {
  const account = asRecord(result.PERPETUAL);
  if (!account) throw badShape('PERPETUAL assets');
  const asset = firstString(account, ['currency', 'coin_type'], 'USDT');
  const total = amount(account.total_margin_balance ?? account.wallet_balance, 'total_margin_balance');
  const available = amount(account.available_funds, 'available_funds');
  const locked = Math.max(0, tidy(total - available));
  return { currency: asset, total, available, assets: [{ asset, total, available, locked }] };
}

/** SPOT → `details[]` rows `{coin_type, available, freeze, total}`; totals in USDT. */
function spot(result: Record<string, unknown>): Balance {
  const details = asRecord(result.SPOT)?.details;
  if (!Array.isArray(details)) throw badShape('SPOT assets');
  const assets = details.map((raw): AssetBalance => {
    const row = asRecord(raw);
    if (!row) throw badShape('SPOT assets');
    const available = amount(row.available, 'available');
    const locked = amount(row.freeze ?? row.frozen, 'freeze');
    const total = row.total === undefined ? tidy(available + locked) : amount(row.total, 'total');
    return { asset: firstString(row, ['coin_type', 'currency', 'coin'], '?'), total, available, locked };
  });
  const usdt = assets.find((a) => a.asset === 'USDT');
  return { currency: 'USDT', total: usdt?.total ?? 0, available: usdt?.available ?? 0, assets };
}

/** `/private/get_assets_info` result, keyed by asset type. */
export function normalizeOrangexAssets(result: unknown, assetType: OrangexAssetType): Balance {
  const body = asRecord(result);
  if (!body) throw badShape('get_assets_info');
  return assetType === 'SPOT' ? spot(body) : perpetual(body);
}

/**
 * Permissions from the token's `scope` (`account:read_write trade:read_write wallet:read_write …`). Deribit-style
 * semantics (UNCONFIRMED for OrangeX): `trade:read_write` trades, `wallet:read_write` withdraws and transfers.
 * The scope says nothing about IP binding, hence `ipUnknown`. No scope at all → `unknown`.
 */
export function orangexScopePermissions(scope: string | undefined): Permissions {
  const raw = (scope ?? '').split(/\s+/).filter(Boolean);
  const levels = new Map<string, string>();
  for (const entry of raw) {
    const [area, level] = entry.split(':');
    if (area && level) levels.set(area, level);
  }
  const can = (area: string, level: 'read' | 'read_write') =>
    level === 'read' ? /^read/.test(levels.get(area) ?? '') : levels.get(area) === 'read_write';
  const readable = [...levels.values()].some((l) => l.startsWith('read'));
  return {
    read: raw.length === 0 || readable,
    trade: can('trade', 'read_write'),
    withdraw: can('wallet', 'read_write'),
    transfer: can('wallet', 'read_write'),
    ipRestricted: false,
    ips: [],
    expiresAt: null,
    ipUnknown: true,
    ...(raw.length === 0 ? { unknown: true } : {}),
    raw,
  };
}
