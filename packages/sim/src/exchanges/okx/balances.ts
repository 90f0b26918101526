import { dec, type SimAccount, usdPrice, walletOf } from '../../accounts/account.ts';

/** GET /api/v5/account/balance `data[0]` (reference §3.3): the unified trading account, strings throughout. */
export function okxBalance(account: SimAccount, now: number, ccys: string[] | undefined): unknown {
  let totalEq = 0;
  let frozen = 0;
  const details = [];
  for (const [ccy, a] of Object.entries(walletOf(account, 'unified'))) {
    if (ccys && !ccys.includes(ccy)) continue;
    const eq = a.free + a.locked;
    const eqUsd = eq * usdPrice(ccy);
    totalEq += eqUsd;
    frozen += a.locked * usdPrice(ccy);
    details.push({
      ccy,
      eq: dec(eq),
      cashBal: dec(eq),
      availBal: dec(a.free),
      availEq: dec(a.free),
      frozenBal: dec(a.locked),
      ordFrozen: dec(a.locked),
      eqUsd: dec(eqUsd),
      disEq: dec(eqUsd),
      fixedBal: '0',
      liab: '',
      crossLiab: '',
      isoLiab: '',
      interest: '',
      upl: '0',
      uplLiab: '',
      isoEq: '0',
      isoUpl: '0',
      maxLoan: '',
      mgnRatio: '',
      imr: '',
      mmr: '',
      notionalLever: '',
      stgyEq: '0',
      twap: '0',
      spotBal: '',
      spotInUseAmt: '',
      spotIsoBal: '0',
      openAvgPx: '',
      accAvgPx: '',
      spotUpl: '',
      spotUplRatio: '',
      totalPnl: '',
      totalPnlRatio: '',
      borrowFroz: '',
      uTime: String(now),
    });
  }
  return {
    totalEq: dec(totalEq),
    adjEq: dec(totalEq),
    availEq: dec(totalEq - frozen),
    isoEq: '0',
    imr: dec(frozen),
    mmr: '0',
    mgnRatio: '',
    ordFroz: dec(frozen),
    upl: '0',
    notionalUsd: '0',
    borrowFroz: '',
    uTime: String(now),
    details,
  };
}

/** GET /api/v5/account/config `data[0]` (reference §3.3): `perm` lists read_only, trade, withdraw. */
export function okxConfig(account: SimAccount): unknown {
  const p = account.permissions;
  const perm = [p.read ? 'read_only' : '', p.trade ? 'trade' : '', p.withdraw ? 'withdraw' : '']
    .filter(Boolean)
    .join(',');
  return {
    acctLv: '2',
    autoLoan: false,
    ctIsoMode: 'automatic',
    enableSpotBorrow: false,
    greeksType: 'PA',
    ip: account.ipWhitelist.join(','),
    kycLv: '2',
    label: 'cts-sim',
    level: 'Lv1',
    levelTmp: '',
    liquidationGatePx: '',
    mainUid: account.uid,
    mgnIsoMode: 'automatic',
    opAuth: '0',
    perm,
    posMode: 'long_short_mode',
    roleType: '0',
    spotBorrowAutoRepay: false,
    spotOffsetType: '',
    spotRoleType: '0',
    spotTraderInsts: [],
    traderInsts: [],
    type: '0',
    uid: account.uid,
    settleCcy: 'USDT',
    settleCcyList: ['USD', 'USDC', 'USDG'],
  };
}
