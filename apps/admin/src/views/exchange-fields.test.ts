import { describe, expect, it } from 'vitest';
import { exchangeFields } from './exchange-fields.ts';

const render = async (
  exchange: 'okx' | 'bybit' | 'binance' | 'pionex',
  values: Record<string, string> = {},
) => String(await exchangeFields('/admin', exchange, { values, errors: {} }, false));

const options = (page: string, select: string) => {
  const body = new RegExp(`<select id="f-${select}"[^>]*>([\\s\\S]*?)</select>`).exec(page)?.[1] ?? '';
  return [...body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
};

describe('exchangeFields', () => {
  it('offers the environments of the exchange descriptor and its regions, following the environment', async () => {
    const okx = await render('okx');
    expect(options(okx, 'environment')).toEqual(['mainnet', 'demo']);
    expect(options(okx, 'region')).toEqual(['global', 'eea', 'us']);
    const bybit = await render('bybit');
    expect(options(bybit, 'environment')).toEqual(['mainnet', 'testnet', 'demo']);
    expect(options(bybit, 'region')).toContain('eu');
    // Bybit's regional hosts are mainnet ones: on demo there is no region to choose.
    expect(options(await render('bybit', { environment: 'demo' }), 'region')).toEqual([]);
  });

  it('shows no region select where the exchange has one, and no environment select with one environment', async () => {
    const binance = await render('binance', { environment: 'demo' });
    expect(options(binance, 'environment')).toEqual(['mainnet', 'testnet', 'demo']);
    expect(binance).toMatch(/<option value="demo" selected>/);
    expect(binance).not.toContain('id="f-region"');
    expect(await render('pionex')).not.toContain('id="f-environment"');
  });

  it('re-renders the fields when the environment changes (htmx includes environment and region)', async () => {
    expect(await render('okx')).toContain('#f-environment, #f-region');
  });
});
