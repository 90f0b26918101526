import { dec, type SimAccount, walletOf } from '../../accounts/account.ts';

function swapEntry(account: SimAccount, asset: string, free: number, locked: number) {
  const total = free + locked;
  return {
    userId: account.uid,
    asset,
    balance: dec(total),
    equity: dec(total),
    unrealizedProfit: '0.0000',
    realisedProfit: '0.0000',
    availableMargin: dec(free),
    usedMargin: dec(locked),
    freezedMargin: '0.0000',
    shortUid: account.uid.slice(-8),
  };
}

/** GET /openApi/swap/v3/user/balance `data[]` (reference §4.3). */
export function bingxSwapBalanceV3(account: SimAccount): unknown[] {
  return Object.entries(walletOf(account, 'futures')).map(([asset, a]) =>
    swapEntry(account, asset, a.free, a.locked),
  );
}

/** Legacy GET /openApi/swap/v2/user/balance: `data.balance`, one object (USDT). */
export function bingxSwapBalanceV2(account: SimAccount): unknown {
  const usdt = walletOf(account, 'futures').USDT ?? { free: 0, locked: 0 };
  return { balance: swapEntry(account, 'USDT', usdt.free, usdt.locked) };
}

/** GET /openApi/spot/v1/account/balance `data` (reference §4.3). */
export function bingxSpotBalance(account: SimAccount): unknown {
  return {
    balances: Object.entries(walletOf(account, 'spot')).map(([asset, a]) => ({
      asset,
      free: dec(a.free),
      locked: dec(a.locked),
    })),
  };
}

/** GET /openApi/v1/account/apiPermissions `data`: ids 1 spot trade, 2 read, 3 perpetual trade, 4 transfer, 5 withdraw. */
export function bingxApiPermissions(account: SimAccount): unknown {
  const p = account.permissions;
  const permissions = [
    ...(p.trade ? [1] : []),
    ...(p.read ? [2] : []),
    ...(p.trade && p.futures ? [3] : []),
    ...(p.transfer ? [4] : []),
    ...(p.withdraw ? [5] : []),
  ];
  return { apiKey: account.apiKey, permissions, ipAddresses: account.ipWhitelist, note: 'cts-sim' };
}
