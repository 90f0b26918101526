import { type SimAccount, usdPrice, walletOf } from '../../accounts/account.ts';

/** Binance sends decimals as strings with 8 places. */
export const d8 = (n: number): string => n.toFixed(8);

/** GET /api/v3/account (reference §2.3). */
export function binanceSpotAccount(account: SimAccount, now: number, omitZero: boolean): unknown {
  const p = account.permissions;
  const balances = Object.entries(walletOf(account, 'spot'))
    .filter(([, a]) => !omitZero || a.free + a.locked > 0)
    .map(([asset, a]) => ({ asset, free: d8(a.free), locked: d8(a.locked) }));
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: p.trade,
    canWithdraw: p.withdraw,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: now,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: Number(account.uid),
  };
}

/** GET /sapi/v1/margin/account (cross margin, reference §2.3). */
export function binanceMarginAccount(account: SimAccount): unknown {
  let netBtc = 0;
  const userAssets = Object.entries(walletOf(account, 'margin')).map(([asset, a]) => {
    const net = a.free + a.locked;
    netBtc += (net * usdPrice(asset)) / usdPrice('BTC');
    return {
      asset,
      borrowed: d8(0),
      free: d8(a.free),
      interest: d8(0),
      locked: d8(a.locked),
      netAsset: d8(net),
    };
  });
  return {
    created: true,
    borrowEnabled: account.permissions.margin,
    marginLevel: '999.00000000',
    collateralMarginLevel: '999.00000000',
    totalAssetOfBtc: d8(netBtc),
    totalLiabilityOfBtc: d8(0),
    totalNetAssetOfBtc: d8(netBtc),
    TotalCollateralValueInUSDT: d8(netBtc * usdPrice('BTC')),
    totalOpenOrderLossInUSDT: d8(0),
    tradeEnabled: account.permissions.trade && account.permissions.margin,
    transferInEnabled: true,
    transferOutEnabled: true,
    accountType: 'MARGIN_1',
    userAssets,
  };
}

const DAY_MS = 86_400_000;

/**
 * GET /sapi/v1/account/apiRestrictions (reference §2.3, 2026 §1). `tradingAuthorityExpirationTime` is sent for an
 * unrestricted key that can do more than read: 30 days after creation (the 2021 rule; when Binance sets it is
 * UNCONFIRMED), or the account's `expiresAt` when earlier; absent otherwise.
 */
export function binanceApiRestrictions(account: SimAccount): unknown {
  const p = account.permissions;
  const unrestricted = account.ipWhitelist.length === 0;
  const writes = p.trade || p.withdraw || p.transfer || p.margin || p.futures;
  const rule = unrestricted && writes ? account.createdAt + 30 * DAY_MS : null;
  const tradingEnds =
    rule === null ? account.expiresAt : account.expiresAt === null ? rule : Math.min(rule, account.expiresAt);
  return {
    ipRestrict: account.ipWhitelist.length > 0,
    createTime: account.createdAt,
    enableReading: p.read,
    enableSpotAndMarginTrading: p.trade,
    enableWithdrawals: p.withdraw,
    enableInternalTransfer: p.transfer,
    enableMargin: p.margin,
    enableFutures: p.futures,
    permitsUniversalTransfer: p.transfer,
    enableVanillaOptions: false,
    enableFixApiTrade: false,
    enableFixReadOnly: false,
    enablePortfolioMarginTrading: false,
    ...(tradingEnds === null ? {} : { tradingAuthorityExpirationTime: tradingEnds }),
  };
}
