import type { AssetBalance, Balance } from '../types.ts';
import { tidy } from './amount.ts';

/** One asset held as free + locked (frozen): total = free + locked, available = free. */
export function heldAsset(asset: string, free: number, locked: number): AssetBalance {
  return { asset, total: tidy(free + locked), available: free, locked };
}

/**
 * A balance whose account figures are the `quote` asset's own row (other assets are listed, not valued);
 * 0 when the account holds none of it.
 */
export function quoteTotals(assets: AssetBalance[], quote: string): Balance {
  const row = assets.find((a) => a.asset === quote);
  return { currency: quote, total: row?.total ?? 0, available: row?.available ?? 0, assets };
}
