import { describe, expect, it } from 'vitest';
import { DESCRIPTORS, EXCHANGES, hasRegions, keyTypesOf, regionsOf, testEnvironmentOf } from './catalog.ts';
import { hostsOf, restBaseUrl, wsBaseUrl } from './hosts.ts';

describe('exchange descriptors', () => {
  it('registers each exchange under its own id with a global region in every environment', () => {
    for (const id of EXCHANGES) {
      expect(DESCRIPTORS[id].id).toBe(id);
      for (const env of Object.values(DESCRIPTORS[id].environments)) expect(env?.global).toBeDefined();
    }
  });

  it('gives every websocket exchange a private stream host on mainnet', () => {
    for (const id of EXCHANGES)
      if (DESCRIPTORS[id].apiTypes.includes('websocket')) expect(hostsOf(id, 'mainnet').ws).toBeDefined();
  });

  it('reads key types, regions and the test environment from the descriptor', () => {
    expect(keyTypesOf('binance')).toEqual(['hmac', 'rsa', 'ed25519']);
    expect(keyTypesOf('okx')).toEqual(['hmac']);
    expect(regionsOf('okx')).toEqual(['global', 'eea', 'us']);
    expect(regionsOf('bybit', 'demo')).toEqual(['global']);
    expect(hasRegions('okx') && hasRegions('bybit')).toBe(true);
    expect(hasRegions('binance')).toBe(false);
    expect(testEnvironmentOf('okx')).toBe('demo');
  });
});

describe('restBaseUrl', () => {
  it('picks the host of the environment and region', () => {
    expect(restBaseUrl('okx', 'mainnet', 'default', undefined, 'eea')).toBe('https://eea.okx.com');
    expect(restBaseUrl('okx', 'demo', 'default', undefined, 'us')).toBe('https://us.okx.com');
    expect(restBaseUrl('bybit', 'mainnet', 'default', undefined, 'eu')).toBe('https://api.bybit.eu');
    expect(restBaseUrl('binance', 'demo')).toBe('https://demo-api.binance.com');
    expect(restBaseUrl('binance', 'mainnet', 'futures')).toBe('https://fapi.binance.com');
  });

  it('routes to the simulator by exchange, environment and region', () => {
    const sim = 'http://127.0.0.1:9/';
    expect(restBaseUrl('okx', 'mainnet', 'default', sim)).toBe('http://127.0.0.1:9/okx');
    expect(restBaseUrl('okx', 'mainnet', 'default', sim, 'eea')).toBe('http://127.0.0.1:9/okx-eea');
    // OKX demo shares each region's mainnet host (x-simulated-trading header).
    expect(restBaseUrl('okx', 'demo', 'default', sim, 'us')).toBe('http://127.0.0.1:9/okx-us');
    expect(restBaseUrl('bybit', 'testnet', 'default', sim, 'jp')).toBe('http://127.0.0.1:9/bybit-testnet-jp');
    expect(restBaseUrl('binance', 'demo', 'futures', sim)).toBe('http://127.0.0.1:9/binance-demo');
  });

  it('throws a TypeError naming the environment or region the exchange lacks', () => {
    expect(() => restBaseUrl('pionex', 'demo')).toThrow('environment: pionex has no demo environment');
    expect(() => restBaseUrl('okx', 'mainnet', 'default', undefined, 'eu')).toThrow(
      'region: okx has no eu region on mainnet',
    );
  });
});

describe('wsBaseUrl', () => {
  it('picks the stream host of the region and routes the simulator by region', () => {
    expect(wsBaseUrl('okx', 'demo', 'default', undefined, 'eea')).toBe('wss://wseeapap.okx.com:8443');
    expect(wsBaseUrl('okx', 'demo', 'default', 'http://sim', 'eea')).toBe('ws://sim/okx-demo-eea');
    expect(() => wsBaseUrl('bybit', 'mainnet', 'default', undefined, 'eu')).toThrow(
      'region: bybit has no known private stream host in eu',
    );
  });
});
