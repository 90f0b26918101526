import { describe, expect, it } from 'vitest';
import {
  normalizeBinancePermissions,
  normalizeFuturesBalance,
  normalizeMarginBalance,
  normalizeSpotBalance,
} from './normalize.ts';

describe('Binance normalization', () => {
  it('spot: lists every asset, totals the stablecoins in USDT', () => {
    const b = normalizeSpotBalance({
      makerCommission: 15,
      canTrade: true,
      accountType: 'SPOT',
      balances: [
        { asset: 'BTC', free: '4723846.89208129', locked: '0.00000000' },
        { asset: 'LTC', free: '4763368.68006011', locked: '1.5' },
        { asset: 'USDT', free: '100.5', locked: '10' },
        { asset: 'FDUSD', free: '1', locked: '0' },
        { asset: 'ETH', free: '0', locked: '0' },
      ],
      permissions: ['SPOT'],
    });
    expect(b.currency).toBe('USDT');
    expect(b.total).toBe(111.5);
    expect(b.available).toBe(101.5);
    expect(b.assets.map((a) => a.asset)).toEqual(['BTC', 'LTC', 'USDT', 'FDUSD']);
    expect(b.assets[1]).toEqual({
      asset: 'LTC',
      total: 4763370.18006011,
      available: 4763368.68006011,
      locked: 1.5,
    });
  });

  it('futures: the USDT row gives the totals', () => {
    const b = normalizeFuturesBalance([
      {
        accountAlias: 'SgsR',
        asset: 'USDT',
        balance: '122607.35137903',
        crossWalletBalance: '23.72469206',
        crossUnPnl: '0',
        availableBalance: '23.72469206',
        maxWithdrawAmount: '23.72469206',
        marginAvailable: true,
        updateTime: 1617939110373,
      },
      { accountAlias: 'SgsR', asset: 'BNB', balance: '0', availableBalance: '0' },
    ]);
    expect(b).toEqual({
      currency: 'USDT',
      total: 122607.35137903,
      available: 23.72469206,
      assets: [
        {
          asset: 'USDT',
          total: 122607.35137903,
          available: 23.72469206,
          locked: 122583.62668697,
        },
      ],
    });
  });

  it('margin: Binance collateral value as total, stablecoin free as available', () => {
    const b = normalizeMarginBalance({
      marginLevel: '11.64405625',
      totalAssetOfBtc: '6.82728457',
      TotalCollateralValueInUSDT: '5.17',
      userAssets: [
        {
          asset: 'BTC',
          borrowed: '0.00000000',
          free: '0.00499500',
          interest: '0',
          locked: '0',
          netAsset: '0.00499500',
        },
        { asset: 'USDT', borrowed: '1', free: '3', interest: '0', locked: '1', netAsset: '3' },
      ],
    });
    expect([b.currency, b.total, b.available]).toEqual(['USDT', 5.17, 3]);
    expect(b.assets).toEqual([
      { asset: 'BTC', total: 0.004995, available: 0.004995, locked: 0 },
      { asset: 'USDT', total: 4, available: 3, locked: 1 },
    ]);
    expect(
      normalizeMarginBalance({ userAssets: [{ asset: 'USDC', free: '2', locked: '0', netAsset: '1.5' }] })
        .total,
    ).toBe(1.5);
  });

  it('permissions: flags from apiRestrictions', () => {
    const p = normalizeBinancePermissions({
      ipRestrict: false,
      createTime: 1698645219000,
      enableReading: true,
      enableWithdrawals: false,
      enableInternalTransfer: true,
      enableMargin: false,
      enableFutures: false,
      permitsUniversalTransfer: false,
      enableVanillaOptions: false,
      enableFixApiTrade: false,
      enableFixReadOnly: true,
      enableSpotAndMarginTrading: true,
      enablePortfolioMarginTrading: false,
    });
    expect(p).toEqual({
      read: true,
      trade: true,
      withdraw: false,
      transfer: true,
      ipRestricted: false,
      ips: [],
      expiresAt: null,
      raw: ['enableReading', 'enableInternalTransfer', 'enableFixReadOnly', 'enableSpotAndMarginTrading'],
      createdAt: 1698645219000,
      tradingExpiresAt: null,
    });
    const expiring = normalizeBinancePermissions({
      ipRestrict: false,
      createTime: 1698645219000,
      enableSpotAndMarginTrading: true,
      tradingAuthorityExpirationTime: 1701237219000,
    });
    expect(expiring.tradingExpiresAt).toBe(1701237219000);
    expect(normalizeBinancePermissions({ tradingAuthorityExpirationTime: null }).tradingExpiresAt).toBeNull();
  });

  it('rejects replies of the wrong shape as exchange.bad_response', () => {
    expect(() => normalizeSpotBalance({ balances: 'nope' })).toThrow(/balances is not a list/);
    expect(() => normalizeFuturesBalance({})).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});
