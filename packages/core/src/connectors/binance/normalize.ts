import { lenientAmount as amount, tidy } from '../shared/amount.ts';
import { heldAsset, quoteTotals } from '../shared/balance-rows.ts';
import { replyList, replyRecord } from '../shared/reply-shape.ts';
import type { AssetBalance, Balance, Permissions } from '../types.ts';

/**
 * Stablecoins counted at par with USDT. A balance call carries no prices, so for spot and margin the account
 * total we can state honestly is the sum of these (in 'USDT'); every asset is still listed in `assets`.
 */
export const STABLECOINS: readonly string[] = ['USDT', 'USDC', 'FDUSD', 'BUSD'];

type Row = Record<string, unknown>;

const object = (value: unknown, what: string): Row => replyRecord(value, 'Binance', what);

function rows(value: unknown, what: string): Row[] {
  return replyList(value, 'Binance', what).map((row, i) => object(row, `${what}[${i}]`));
}

function stableSum(assets: AssetBalance[], field: 'total' | 'available'): number {
  return tidy(assets.filter((a) => STABLECOINS.includes(a.asset)).reduce((sum, a) => sum + a[field], 0));
}

/** Spot `GET /api/v3/account`: balances[] {asset, free, locked}. Total/available = stablecoin sums in USDT. */
export function normalizeSpotBalance(json: unknown): Balance {
  const assets = rows(object(json, 'account').balances, 'balances')
    .map((b) => heldAsset(String(b.asset), amount(b.free), amount(b.locked)))
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
  return quoteTotals(assets, 'USDT');
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
    .map((b) => heldAsset(String(b.asset), amount(b.free), amount(b.locked)))
    .filter((a) => a.total !== 0);
  const collateral = account.TotalCollateralValueInUSDT;
  const net = list
    .filter((b) => STABLECOINS.includes(String(b.asset)))
    .reduce((sum, b) => tidy(sum + amount(b.netAsset)), 0);
  const total = collateral !== undefined && collateral !== '' ? amount(collateral) : net;
  return { currency: 'USDT', total, available: stableSum(assets, 'available'), assets };
}

/**
 * `GET /sapi/v1/account/apiRestrictions` → normalized permissions (Binance does not list the bound IPs), with
 * `createTime` and `tradingAuthorityExpirationTime` (epoch ms; absent or null when trading is not set to expire).
 */
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
    createdAt: epochMs(r.createTime),
    tradingExpiresAt: epochMs(r.tradingAuthorityExpirationTime),
  };
}

/** An epoch-ms field (number or numeric string); null when absent, null, 0 or not a number. */
function epochMs(value: unknown): number | null {
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}
