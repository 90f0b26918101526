import { CtsError } from '../../errors/cts-error.ts';
import { tidy } from '../shared/amount.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

/**
 * Stablecoins counted at par with USDT. A balance call carries no prices, so for spot and margin the account
 * total we can state honestly is the sum of these (in 'USDT'); every asset is still listed in `assets`.
 */
export const STABLECOINS: readonly string[] = ['USDT', 'USDC', 'FDUSD', 'BUSD'];

type Row = Record<string, unknown>;

function amount(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function object(value: unknown, what: string): Row {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new CtsError('exchange.bad_response', `Binance: ${what} is not an object`);
  return value as Row;
}

function rows(value: unknown, what: string): Row[] {
  if (!Array.isArray(value)) throw new CtsError('exchange.bad_response', `Binance: ${what} is not a list`);
  return value.map((row, i) => object(row, `${what}[${i}]`));
}

function stableSum(assets: AssetBalance[], field: 'total' | 'available'): number {
  return tidy(assets.filter((a) => STABLECOINS.includes(a.asset)).reduce((sum, a) => sum + a[field], 0));
}

/** Spot `GET /api/v3/account`: balances[] {asset, free, locked}. Total/available = stablecoin sums in USDT. */
export function normalizeSpotBalance(json: unknown): Balance {
  const assets = rows(object(json, 'account').balances, 'balances')
    .map((b) => {
      const available = amount(b.free);
      const locked = amount(b.locked);
      return { asset: String(b.asset), total: tidy(available + locked), available, locked };
    })
    .filter((a) => a.total !== 0);
  return {
    currency: 'USDT',
    total: stableSum(assets, 'total'),
    available: stableSum(assets, 'available'),
    assets,
  };
}

/**
 * USDⓈ-M `GET /fapi/v3/balance`: one row per margin asset {asset, balance, availableBalance}. The account's
 * figures are the USDT row (wallet balance, available balance); locked = balance − available, clamped ≥ 0.
 */
export function normalizeFuturesBalance(json: unknown): Balance {
  const assets = rows(json, 'balance')
    .map((b) => {
      const total = amount(b.balance);
      const available = amount(b.availableBalance);
      return { asset: String(b.asset), total, available, locked: Math.max(0, tidy(total - available)) };
    })
    .filter((a) => a.total !== 0 || a.available !== 0);
  const usdt = assets.find((a) => a.asset === 'USDT');
  return { currency: 'USDT', total: usdt?.total ?? 0, available: usdt?.available ?? 0, assets };
}

/**
 * Cross margin `GET /sapi/v1/margin/account`: userAssets[] {asset, free, locked, borrowed, interest, netAsset}.
 * Per asset total = free + locked (what is held; debt is not subtracted). Account total = Binance's own
 * `TotalCollateralValueInUSDT` when present (it prices every asset), else the stablecoin net-asset sum;
 * available = the stablecoins' free amounts (no prices for the rest).
 */
export function normalizeMarginBalance(json: unknown): Balance {
  const account = object(json, 'margin account');
  const list = rows(account.userAssets, 'userAssets');
  const assets = list
    .map((b) => {
      const available = amount(b.free);
      const locked = amount(b.locked);
      return { asset: String(b.asset), total: tidy(available + locked), available, locked };
    })
    .filter((a) => a.total !== 0);
  const collateral = account.TotalCollateralValueInUSDT;
  const net = list
    .filter((b) => STABLECOINS.includes(String(b.asset)))
    .reduce((sum, b) => tidy(sum + amount(b.netAsset)), 0);
  const total = collateral !== undefined && collateral !== '' ? amount(collateral) : net;
  return { currency: 'USDT', total, available: stableSum(assets, 'available'), assets };
}

/** `GET /sapi/v1/account/apiRestrictions` → normalized permissions (Binance does not list the bound IPs). */
export function normalizeBinancePermissions(json: unknown): Permissions {
  const r = object(json, 'apiRestrictions');
  const flag = (name: string) => r[name] === true;
  const trade = [
    'enableSpotAndMarginTrading',
    'enableFutures',
    'enableMargin',
    'enableVanillaOptions',
    'enablePortfolioMarginTrading',
  ].some(flag);
  return {
    read: flag('enableReading'),
    trade,
    withdraw: flag('enableWithdrawals'),
    transfer: flag('enableInternalTransfer') || flag('permitsUniversalTransfer'),
    ipRestricted: flag('ipRestrict'),
    ips: [],
    expiresAt: null,
    raw: Object.keys(r).filter((k) => k !== 'ipRestrict' && r[k] === true),
  };
}
