import { describe, expect, it } from 'vitest';
import { bybitServerTime, normalizeBybitBalance, normalizeBybitPermissions } from './normalize.ts';

describe('normalizeBybitBalance', () => {
  it('reads the account equity in USD and each coin (docs example shape)', () => {
    const b = normalizeBybitBalance({
      list: [
        {
          totalEquity: '3.31216591',
          accountIMRate: '0',
          totalMarginBalance: '3.00326056',
          totalInitialMargin: '0',
          accountType: 'UNIFIED',
          totalAvailableBalance: '3.00326056',
          accountMMRate: '0',
          totalPerpUPL: '0',
          totalWalletBalance: '3.00326056',
          accountLTV: '0',
          totalMaintenanceMargin: '0',
          coin: [
            {
              availableToBorrow: '3',
              bonus: '0',
              accruedInterest: '0',
              availableToWithdraw: '0',
              totalOrderIM: '0.5',
              equity: '0.21976',
              totalPositionMM: '0',
              usdValue: '0.21976',
              spotHedgingQty: '0',
              unrealisedPnl: '0',
              collateralSwitch: true,
              borrowAmount: '0.0',
              totalPositionIM: '0.25',
              walletBalance: '1.25',
              cumRealisedPnl: '0',
              locked: '0.1',
              marginCollateral: true,
              coin: 'USDC',
            },
            {
              coin: 'BTC',
              walletBalance: '',
              equity: '0.002',
              locked: '',
              totalOrderIM: '',
              totalPositionIM: '',
            },
            {
              coin: 'ETH',
              walletBalance: '0.1',
              equity: '0.1',
              locked: '0.05',
              totalOrderIM: '0.04',
              totalPositionIM: '0.03',
            },
          ],
        },
      ],
    });
    expect([b.currency, b.total, b.available]).toEqual(['USD', 3.31216591, 3.00326056]);
    expect(b.assets[0]).toEqual({
      asset: 'USDC',
      total: 1.25,
      locked: 0.1,
      available: 0.4,
    });
    expect(b.assets[1]).toEqual({ asset: 'BTC', total: 0.002, locked: 0, available: 0.002 });
    expect(b.assets[2]!.available).toBe(0); // 0.1 − 0.05 − 0.03 − 0.04 < 0 → clamped
  });

  it('returns zeros for an empty account list and rejects a wrong shape', () => {
    expect(normalizeBybitBalance({ list: [] })).toEqual({
      currency: 'USD',
      total: 0,
      available: 0,
      assets: [],
    });
    expect(() => normalizeBybitBalance({ list: 'x' })).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});

describe('normalizeBybitPermissions', () => {
  const docs = {
    id: '13770661',
    note: 'readwrite api key',
    apiKey: 'XXXXXX',
    readOnly: 0,
    secret: '',
    permissions: {
      ContractTrade: ['Order', 'Position'],
      Spot: ['SpotTrade'],
      Wallet: ['AccountTransfer', 'SubMemberTransfer'],
      Options: ['OptionsTrade'],
      Derivatives: [],
      Exchange: [],
      Earn: [],
    },
    ips: ['*'],
    type: 1,
    deadlineDay: 66,
    expiredAt: '2023-12-22T07:20:25Z',
    createdAt: '2023-10-16T02:24:40Z',
    uta: 0,
    userID: 24617703,
    isMaster: true,
  };

  it('reads a read-write key without IP binding', () => {
    const p = normalizeBybitPermissions(docs);
    expect(p).toMatchObject({
      read: true,
      trade: true,
      withdraw: false,
      transfer: true,
      ipRestricted: false,
      ips: [],
    });
    expect(p.expiresAt).toBe(Date.UTC(2023, 11, 22, 7, 20, 25));
    expect(p.raw).toContain('Wallet:AccountTransfer');
    expect(p.createdAt).toBe(Date.UTC(2023, 9, 16, 2, 24, 40));
    expect(p.daysLeft).toBe(66);
  });

  it('reads the pay permission under its old and new names (FiatBybitPay, FiatBitPay since 2026-04-09)', () => {
    for (const group of ['FiatBybitPay', 'FiatBitPay']) {
      const p = normalizeBybitPermissions({ ...docs, permissions: { [group]: ['FaitPayOrder'] } });
      expect(p.withdraw, group).toBe(true);
      expect(p.raw).toEqual([`${group}:FaitPayOrder`]);
    }
    expect(normalizeBybitPermissions({ ...docs, permissions: { FiatBitPay: [] } }).withdraw).toBe(false);
    expect(normalizeBybitPermissions({ ...docs, deadlineDay: -1 }).daysLeft).toBeNull();
  });

  it('reads a read-only, IP-bound key with withdrawal listed as not writable', () => {
    const p = normalizeBybitPermissions({
      ...docs,
      readOnly: 1,
      ips: ['1.2.3.4', '5.6.7.8'],
      expiredAt: '',
      permissions: { ...docs.permissions, Wallet: ['Withdraw'] },
    });
    expect(p).toMatchObject({
      trade: false,
      withdraw: false,
      transfer: false,
      ipRestricted: true,
      ips: ['1.2.3.4', '5.6.7.8'],
    });
    expect(p.expiresAt).toBeNull();
    const rw = normalizeBybitPermissions({ ...docs, permissions: { Wallet: ['Withdraw'] } });
    expect([rw.withdraw, rw.trade]).toEqual([true, false]);
  });
});

describe('bybitServerTime', () => {
  it('prefers the top-level ms time, then timeNano, then timeSecond', () => {
    expect(
      bybitServerTime({
        result: { timeSecond: '1688639403', timeNano: '1688639403423213947' },
        time: 1688639403423,
      }),
    ).toBe(1688639403423);
    expect(bybitServerTime({ result: { timeSecond: '1688639403', timeNano: '1688639403423213947' } })).toBe(
      1688639403423,
    );
    expect(bybitServerTime({ result: { timeSecond: '1688639403' } })).toBe(1688639403000);
    expect(() => bybitServerTime({ result: {} })).toThrow(/no time/);
  });
});
