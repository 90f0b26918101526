import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A POST body for a fresh simulator account. */
async function body(input: {
  exchange: 'okx' | 'binance' | 'bybit';
  environment?: 'demo';
  region?: 'eea' | 'us';
}) {
  const a = await h.sim.simulator.createAccount(input);
  return {
    name: `${input.exchange} ${input.environment ?? 'mainnet'} ${input.region ?? ''}`,
    exchange: input.exchange,
    api_type: 'spot',
    api_key: a.apiKey,
    api_secret: a.apiSecret,
    ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
  };
}

describe('environment and region (API)', () => {
  it('creates a Binance demo connection from environment alone; the reply shows is_testnet true', async () => {
    const res = await h.create({
      ...(await body({ exchange: 'binance', environment: 'demo' })),
      environment: 'demo',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.connection).toMatchObject({ environment: 'demo', is_testnet: true, region: null });
    await h.waitForState(res.json.connection.id, 'active');
  });

  it('creates an OKX EEA connection that tests against the EEA host; get and list return the region', async () => {
    const res = await h.create({ ...(await body({ exchange: 'okx', region: 'eea' })), region: 'eea' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const id = res.json.connection.id;
    await h.waitForState(id, 'active');
    expect((await h.request('GET', `/api/settings/connections/${id}`)).json.connection).toMatchObject({
      environment: 'mainnet',
      region: 'eea',
    });
    const list = await h.request('GET', '/api/settings/connections?exchange=okx');
    expect(list.json.connections.find((c: { id: string }) => c.id === id)?.region).toBe('eea');
  });

  it('patches the region: an EEA key moved to the US host is refused there with 50119', async () => {
    const created = await h.create({ ...(await body({ exchange: 'okx', region: 'eea' })), region: 'eea' });
    const id = created.json.connection.id;
    await h.waitForState(id, 'active');
    const patched = await h.request('PATCH', `/api/settings/connections/${id}`, { body: { region: 'us' } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json.connection.region).toBe('us');
    const failed = await h.waitForState(id, 'error');
    expect(failed.json.connection.last_error).toMatchObject({ exchangeCode: '50119' });
    // Region detection tries the other OKX hosts and names the one that accepts the key.
    expect(failed.json.connection.last_error.hint).toBe('This key belongs to OKX EEA: set region eea.');
    expect(failed.json.connection.key_audit.flags).toContain('wrong_region');
  });

  it('keeps is_testnet working as the seed has it: true picks the exchange test environment', async () => {
    const res = await h.create({ ...(await h.account('okx', { testnet: true })), enabled: false });
    expect(res.json.connection).toMatchObject({ is_testnet: true, environment: 'demo', region: 'global' });
  });

  it('answers 400 naming the field and the choices for an environment or region the exchange lacks', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...(await h.account('pionex')), environment: 'demo' }, 'environment', 'pionex has mainnet'],
      [{ ...(await h.account('okx')), environment: 'testnet' }, 'environment', 'okx has mainnet, demo'],
      [{ ...(await h.account('okx')), region: 'eu' }, 'region', 'okx mainnet has global, eea, us'],
      [{ ...(await h.account('binance')), region: 'eea' }, 'region', 'binance has no regions'],
      [
        { ...(await h.account('bybit')), environment: 'mainnet', is_testnet: true },
        'is_testnet',
        'environment mainnet',
      ],
      [{ ...(await h.account('okx')), region: 'mars' }, 'region', 'expected one of'],
    ];
    for (const [input, field, rule] of cases) {
      const res = await h.create(input);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'validation_failed', field });
      expect(res.json.error.rule).toContain(rule);
    }
    const created = await h.create({ ...(await h.account('okx')), enabled: false });
    const patch = await h.request('PATCH', `/api/settings/connections/${created.json.connection.id}`, {
      body: { environment: 'testnet' },
    });
    expect(patch.status).toBe(400);
    expect(patch.json.error).toMatchObject({ field: 'environment', rule: 'okx has mainnet, demo' });
  });
});
