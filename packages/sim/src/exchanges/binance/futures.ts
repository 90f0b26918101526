import { type SimAccount, walletOf } from '../../accounts/account.ts';
import { d8 } from './balances.ts';

/** GET /fapi/v3/balance and /fapi/v2/balance: one entry per asset (reference §2.3). */
export function binanceFuturesBalance(account: SimAccount, now: number): unknown {
  return Object.entries(walletOf(account, 'futures')).map(([asset, a]) => ({
    accountAlias: 'SgsR',
    asset,
    balance: d8(a.free + a.locked),
    crossWalletBalance: d8(a.free + a.locked),
    crossUnPnl: d8(0),
    availableBalance: d8(a.free),
    maxWithdrawAmount: d8(a.free),
    marginAvailable: true,
    updateTime: now,
  }));
}

/** GET /fapi/v3/account and /fapi/v2/account: totals and assets (reference §2.3). */
export function binanceFuturesAccount(account: SimAccount, now: number, v2: boolean): unknown {
  let wallet = 0;
  let available = 0;
  let locked = 0;
  const assets = Object.entries(walletOf(account, 'futures')).map(([asset, a]) => {
    const total = a.free + a.locked;
    if (asset === 'USDT') {
      wallet += total;
      available += a.free;
      locked += a.locked;
    }
    return {
      asset,
      walletBalance: d8(total),
      unrealizedProfit: d8(0),
      marginBalance: d8(total),
      maintMargin: d8(0),
      initialMargin: d8(a.locked),
      positionInitialMargin: d8(0),
      openOrderInitialMargin: d8(a.locked),
      crossWalletBalance: d8(total),
      crossUnPnl: d8(0),
      availableBalance: d8(a.free),
      maxWithdrawAmount: d8(a.free),
      ...(v2 ? { marginAvailable: true } : {}),
      updateTime: now,
    };
  });
  return {
    ...(v2
      ? {
          feeTier: 0,
          canTrade: account.permissions.trade,
          canDeposit: true,
          canWithdraw: account.permissions.withdraw,
          updateTime: 0,
        }
      : {}),
    totalInitialMargin: d8(locked),
    totalMaintMargin: d8(0),
    totalWalletBalance: d8(wallet),
    totalUnrealizedProfit: d8(0),
    totalMarginBalance: d8(wallet),
    totalPositionInitialMargin: d8(0),
    totalOpenOrderInitialMargin: d8(locked),
    totalCrossWalletBalance: d8(wallet),
    totalCrossUnPnl: d8(0),
    availableBalance: d8(available),
    maxWithdrawAmount: d8(available),
    assets,
    positions: [],
  };
}
