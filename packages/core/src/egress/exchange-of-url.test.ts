import { describe, expect, it } from 'vitest';
import { catalogOrigins, exchangeOfUrl } from './exchange-of-url.ts';

describe('exchangeOfUrl', () => {
  it('finds the exchange by the descriptors’ hosts, in every environment and region', () => {
    expect(exchangeOfUrl('https://api.bybit.com/v5/account/info?x=1')).toBe('bybit');
    expect(exchangeOfUrl('https://www.okx.com/api/v5/account/balance')).toBe('okx');
    expect(exchangeOfUrl('https://example.com/v5')).toBeUndefined();
    expect(exchangeOfUrl('not a url')).toBeUndefined();
    expect(new Set(catalogOrigins().values()).size).toBe(6);
  });

  it('reads the simulator’s first path segment under its base URL', () => {
    const base = 'http://127.0.0.1:9000';
    expect(exchangeOfUrl(`${base}/okx-eea/api/v5/account/balance`, base)).toBe('okx');
    expect(exchangeOfUrl(`${base}/binance/api/v3/account`, `${base}/`)).toBe('binance');
    expect(exchangeOfUrl(`${base}/nope/x`, base)).toBeUndefined();
    expect(exchangeOfUrl(`${base}/okx/x`)).toBeUndefined();
  });
});
