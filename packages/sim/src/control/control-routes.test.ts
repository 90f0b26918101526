import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import type { Loose } from '../../test/signers.ts';
import { createSimulator } from '../app.ts';

const post = (path: string, body: unknown) => ({
  url: `http://sim.local/__sim${path}`,
  init: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  },
});

describe('control routes', () => {
  const sim = createSimulator({ clock: new ManualClock() });
  const call = async (r: ReturnType<typeof post>) => {
    const res = await sim.fetch(r.url, r.init);
    return { status: res.status, body: (await res.json()) as Loose };
  };

  it('creates accounts and returns credentials (an OKX passphrase, a PEM for RSA keys)', async () => {
    const okx = await call(post('/accounts', { exchange: 'okx', environment: 'demo' }));
    expect(okx.status).toBe(201);
    expect(okx.body).toMatchObject({ exchange: 'okx', environment: 'demo', passphrase: expect.any(String) });
    const rsa = await call(post('/accounts', { exchange: 'binance', keyType: 'rsa' }));
    expect(rsa.body.apiSecret).toContain('-----BEGIN PRIVATE KEY-----');
    const list = (await (await sim.fetch('http://sim.local/__sim/accounts')).json()) as Loose;
    expect(JSON.stringify(list)).not.toContain(okx.body.apiSecret);
    await sim.fetch('http://sim.local/okx/api/v5/account/balance', {
      headers: { 'OK-ACCESS-KEY': okx.body.apiKey },
    });
    const stats = JSON.stringify(await (await sim.fetch('http://sim.local/__sim/stats')).json());
    expect(stats).toContain(okx.body.id);
    expect(stats).not.toContain(okx.body.apiKey);
  });

  it.each([
    [{ exchange: 'kraken' }, 'exchange'],
    [{ exchange: 'pionex', environment: 'testnet' }, 'environment'],
    [{ exchange: 'okx', keyType: 'ed25519' }, 'keyType'],
    [{ exchange: 'bybit', passphrase: 'x' }, 'passphrase'],
    [{ exchange: 'bybit', ipWhitelist: ['not-an-ip'] }, 'ipWhitelist.0'],
    [{ exchange: 'bybit', balances: { spot: { USDT: -1 } } }, 'balances.spot.USDT'],
  ])('answers 400 naming the field for %j', async (input, field) => {
    const r = await call(post('/accounts', input));
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: Loose) => i.field)).toContain(field);
    expect(r.body.message).toContain(`${field}: `);
  });

  it('answers 400 for malformed JSON and bad fault rules, and sets and resets valid ones', async () => {
    expect((await call(post('/accounts', '{nope'))).body.issues[0].field).toBe('(body)');
    const bad = await call(post('/faults', { faults: [{ kind: 'error', rate: 2 }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe('faults.0.rate');
    const unknownKind = await call(post('/faults', { faults: [{ kind: 'explode' }] }));
    expect(unknownKind.body.issues[0].field).toBe('faults.0.kind');
    const ok = await call(
      post('/faults', { seed: 3, faults: [{ kind: 'reset', exchange: 'okx', count: 1 }] }),
    );
    expect(ok.body.faults).toHaveLength(1);
    expect((await call(post('/reset', { keepAccounts: 'yes' }))).body.issues[0].field).toBe('keepAccounts');
    expect((await call(post('/reset', {}))).status).toBe(200);
    expect(sim.faults()).toEqual([]);
    expect(sim.accounts.size).toBe(0);
  });

  it('throws TypeError naming the field from the in-process methods', async () => {
    await expect(sim.createAccount({ exchange: 'bybit', keyType: 'ed25519' })).rejects.toThrow(/^keyType: /);
    expect(() => sim.setFaults({ faults: [{ kind: 'hang', ms: -1 }] })).toThrow(/^faults\.0\.ms: /);
    expect(() => createSimulator({ profile: 'fast' as never })).toThrow(/^profile: /);
  });
});
