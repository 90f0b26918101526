import { dec, keyExpiry, type SimAccount, usdPrice, walletOf } from '../../accounts/account.ts';

/** `result` of GET /v5/account/wallet-balance?accountType=UNIFIED (reference §1.3): USD totals as strings. */
export function bybitWalletBalance(account: SimAccount, coins: string[] | undefined): unknown {
  const assets = walletOf(account, 'unified');
  let equity = 0;
  let locked = 0;
  const coin = [];
  for (const [name, a] of Object.entries(assets)) {
    if (coins && !coins.includes(name)) continue;
    const total = a.free + a.locked;
    const usd = total * usdPrice(name);
    equity += usd;
    locked += a.locked * usdPrice(name);
    coin.push({
      coin: name,
      equity: dec(total),
      usdValue: dec(usd),
      walletBalance: dec(total),
      locked: dec(a.locked),
      borrowAmount: '0',
      spotBorrow: '0',
      accruedInterest: '0',
      totalOrderIM: '0',
      totalPositionIM: '0',
      totalPositionMM: '0',
      unrealisedPnl: '0',
      cumRealisedPnl: '0',
      bonus: '0',
      marginCollateral: true,
      collateralSwitch: true,
      availableToWithdraw: '',
      availableToBorrow: '',
      free: '',
    });
  }
  return {
    list: [
      {
        accountType: 'UNIFIED',
        totalEquity: dec(equity),
        totalWalletBalance: dec(equity),
        totalMarginBalance: dec(equity),
        totalAvailableBalance: dec(equity - locked),
        totalPerpUPL: '0',
        totalInitialMargin: dec(locked),
        totalMaintenanceMargin: '0',
        accountIMRate: equity > 0 ? dec(locked / equity) : '0',
        accountMMRate: '0',
        accountLTV: '0',
        coin,
      },
    ],
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `result` of GET /v5/user/query-api (reference §1.3). */
export function bybitQueryApi(account: SimAccount, now: number): unknown {
  const p = account.permissions;
  const expiry = keyExpiry(account);
  const wallet = [
    ...(p.transfer ? ['AccountTransfer', 'SubMemberTransfer'] : []),
    ...(p.withdraw ? ['Withdraw'] : []),
  ];
  return {
    id: account.uid.slice(-6),
    note: 'cts-sim',
    apiKey: account.apiKey,
    readOnly: p.trade ? 0 : 1,
    secret: '',
    permissions: {
      ContractTrade: p.trade && p.futures ? ['Order', 'Position'] : [],
      Spot: p.trade ? ['SpotTrade'] : [],
      Wallet: wallet,
      Options: p.trade && p.futures ? ['OptionsTrade'] : [],
      Derivatives: p.trade && p.futures ? ['DerivativesTrade'] : [],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
      Earn: [],
      FiatP2P: [],
      FiatBitPay: [],
    },
    ips: account.ipWhitelist.length ? account.ipWhitelist : ['*'],
    type: 1,
    // Bybit fills these only for a key that expires (no bound IP, or after a password change).
    deadlineDay: expiry === null ? -1 : Math.max(0, Math.floor((expiry - now) / 86_400_000)),
    expiredAt: expiry === null ? '' : iso(expiry),
    createdAt: iso(account.createdAt),
    unified: 0,
    uta: 1,
    userID: Number(account.uid),
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: account.keyType === 'rsa' ? account.publicKeyPem : '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT',
    kycRegion: '',
  };
}

/** `result` of GET /v5/account/info (ccxt calls it to detect a unified account). */
export function bybitAccountInfo(account: SimAccount, now: number): unknown {
  void account;
  return {
    unifiedMarginStatus: 6,
    marginMode: 'REGULAR_MARGIN',
    isMasterTrader: false,
    spotHedgingStatus: 'OFF',
    updatedTime: String(now),
    dcpStatus: 'OFF',
    timeWindow: 10,
    smpGroup: 0,
  };
}
