import { dec, type SimAccount, usdPrice, walletOf } from '../../accounts/account.ts';

export const ASSET_TYPES = ['ALL', 'SPOT', 'PERPETUAL', 'WALLET'] as const;

function spot(account: SimAccount, coins: string[] | undefined): unknown {
  const details = Object.entries(walletOf(account, 'spot'))
    .filter(([coin]) => !coins || coins.includes(coin))
    .map(([coin, a]) => ({
      coin_type: coin,
      available: dec(a.free),
      freeze: dec(a.locked),
      total: dec(a.free + a.locked),
      usd_value: dec((a.free + a.locked) * usdPrice(coin)),
    }));
  return { details };
}

function perpetual(account: SimAccount): unknown {
  const usdt = walletOf(account, 'futures').USDT ?? { free: 0, locked: 0 };
  const wallet = usdt.free + usdt.locked;
  return {
    coin_type: 'USDT',
    available_funds: dec(usdt.free),
    available_withdraw_funds: dec(usdt.free),
    wallet_balance: dec(wallet),
    total_margin_balance: dec(wallet),
    order_frozen: dec(usdt.locked),
    total_upl: '0',
    total_upl_cross: '0',
    total_upl_isolated: '0',
    total_initial_margin_cross: dec(usdt.locked),
    total_maintenance_margin_cross: '0',
    margin_balance_cross: dec(wallet),
  };
}

/**
 * `/private/get_assets_info` result keyed by asset type (reference §6.3, third-party shapes:
 * PERPETUAL → available_funds, wallet_balance, total_margin_balance, order_frozen, cross fields;
 * SPOT → details[].available). WALLET mirrors SPOT; ALL returns every type.
 */
export function assetsInfo(account: SimAccount, types: string[], coins: string[] | undefined): unknown {
  const want = types.includes('ALL') ? ['SPOT', 'PERPETUAL', 'WALLET'] : types;
  const out: Record<string, unknown> = {};
  for (const t of want) out[t] = t === 'PERPETUAL' ? perpetual(account) : spot(account, coins);
  return out;
}
