/**
 * Environments and regions against the simulator over real HTTP on loopback: demo-trading keys of Bybit and
 * Binance pass on demo and fail with a hint naming the environment on mainnet; each OKX entity (global, EEA,
 * US) has its own key space and host (`/okx-eea`), and a key used on another entity's host fails with 50119 and
 * a hint naming the regions; websocket streams follow the region.
 */
import { createConnector } from '@cts/core/connectors';
import type { ApiType, Environment, Region } from '@cts/core/exchanges';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput } from '../src/accounts/account-input.ts';
import type { CreatedAccount } from '../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../src/server.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.simulator.reset({ keepAccounts: true }));

const test = (a: CreatedAccount, apiType: ApiType, environment: Environment, region?: Region) =>
  createConnector({
    exchange: a.exchange,
    apiType,
    environment,
    ...(region ? { region } : {}),
    credentials: { apiKey: a.apiKey, apiSecret: a.apiSecret, passphrase: a.passphrase },
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 5000,
  }).testConnection();

const account = (input: AccountInput) => server.simulator.createAccount(input);

describe('demo-trading keys', () => {
  it('passes a Bybit demo key on demo and refuses it on mainnet with a hint to set environment demo', async () => {
    const demo = await account({ exchange: 'bybit', environment: 'demo' });
    const ok = await test(demo, 'unified', 'demo');
    expect(ok.success, ok.log.join('\n')).toBe(true);
    const wrong = await test(demo, 'unified', 'mainnet');
    expect(wrong.success).toBe(false);
    expect(wrong.error?.exchangeCode).toBe(10003);
    expect(wrong.error?.hint).toContain(
      'If this is a testnet key, set environment testnet; if it is a demo-trading key, set environment demo.',
    );
  });

  it('passes a Binance spot demo key on demo-api and refuses it on mainnet with a hint to set environment demo', async () => {
    const demo = await account({ exchange: 'binance', environment: 'demo' });
    const ok = await test(demo, 'spot', 'demo');
    expect(ok.success, ok.log.join('\n')).toBe(true);
    const wrong = await test(demo, 'spot', 'mainnet');
    expect(wrong.success).toBe(false);
    expect(wrong.error?.exchangeCode).toBe(-2015);
    expect(wrong.error?.hint).toContain('if it is a demo-trading key, set environment demo');
  });

  it('says an OKX demo key on mainnet looks like a demo key (50101 tells the environment apart)', async () => {
    const demo = await account({ exchange: 'okx', environment: 'demo' });
    expect((await test(demo, 'spot', 'demo')).success).toBe(true);
    const wrong = await test(demo, 'spot', 'mainnet');
    expect(wrong.error?.exchangeCode).toBe('50101');
    expect(wrong.error?.hint).toContain('This looks like a demo-trading key: set environment demo.');
  });
});

describe('OKX regions', () => {
  it('serves each entity from its own host and key space', async () => {
    for (const region of ['global', 'eea', 'us'] as const) {
      const a = await account({ exchange: 'okx', region });
      const result = await test(a, 'spot', 'mainnet', region);
      expect(result.success, `${region}: ${result.log.join('\n')}`).toBe(true);
    }
  });

  it('refuses an EEA key on the global host with 50119 and a hint naming the regions', async () => {
    const eea = await account({ exchange: 'okx', region: 'eea' });
    const wrong = await test(eea, 'spot', 'mainnet');
    expect(wrong.success).toBe(false);
    expect(wrong.error).toMatchObject({ code: 'auth.invalid_key', exchangeCode: '50119' });
    expect(wrong.error?.hint).toContain('A key of another OKX entity fails here too: set region (eea, us).');
    // A global key on the EEA host is unknown there too.
    const global = await account({ exchange: 'okx' });
    expect((await test(global, 'spot', 'mainnet', 'eea')).error?.exchangeCode).toBe('50119');
  });

  it('keeps demo trading per region: an EEA demo key passes on the EEA host with the demo header', async () => {
    const a = await account({ exchange: 'okx', environment: 'demo', region: 'eea' });
    expect((await test(a, 'spot', 'demo', 'eea')).success).toBe(true);
    expect((await test(a, 'spot', 'demo')).error?.exchangeCode).toBe('50119');
  });

  it('opens the private stream of the region (`/okx-eea`), refusing a key of another region', async () => {
    const a = await account({ exchange: 'okx', region: 'eea' });
    const ok = await test(a, 'websocket', 'mainnet', 'eea');
    expect(ok.success, ok.log.join('\n')).toBe(true);
    const global = await account({ exchange: 'okx' });
    expect((await test(global, 'websocket', 'mainnet', 'eea')).success).toBe(false);
  });
});

describe('Bybit regions', () => {
  it('serves a regional key from its own host (`/bybit-eu`) and refuses it on the global host', async () => {
    const eu = await account({ exchange: 'bybit', region: 'eu' });
    const ok = await test(eu, 'unified', 'mainnet', 'eu');
    expect(ok.success, ok.log.join('\n')).toBe(true);
    const wrong = await test(eu, 'unified', 'mainnet');
    expect(wrong.error?.exchangeCode).toBe(10003);
    expect(wrong.error?.hint).toContain('set region (nl, tr, kz, ge, ae, eu, id, jp)');
  });

  it('refuses a region the environment lacks when creating a simulated account', async () => {
    await expect(account({ exchange: 'bybit', environment: 'demo', region: 'eu' })).rejects.toThrow(
      'region: bybit demo has global',
    );
  });
});
