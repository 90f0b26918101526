import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bybitGet, type Loose } from '../test/signers.ts';
import { type SimulatorServer, startSimulatorServer } from './server.ts';

describe('startSimulatorServer', () => {
  let server: SimulatorServer;
  beforeAll(async () => {
    server = await startSimulatorServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('serves over loopback on an ephemeral port and reads the client IP from the socket', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const acct = await server.simulator.createAccount({ exchange: 'bybit', ipWhitelist: ['10.0.0.1'] });
    const s = bybitGet(
      `${server.url}/bybit`,
      acct,
      '/v5/account/wallet-balance',
      'accountType=UNIFIED',
      Date.now(),
    );
    // Without trustProxy, X-Forwarded-For is ignored: the socket says 127.0.0.1.
    const res = await fetch(s.url, { headers: { ...s.init.headers, 'x-forwarded-for': '10.0.0.1' } });
    expect(((await res.json()) as Loose).retCode).toBe(10010);
    const local = await server.simulator.createAccount({ exchange: 'bybit', ipWhitelist: ['127.0.0.1'] });
    const ok = bybitGet(
      `${server.url}/bybit`,
      local,
      '/v5/account/wallet-balance',
      'accountType=UNIFIED',
      Date.now(),
    );
    expect(((await (await fetch(ok.url, ok.init)).json()) as Loose).retCode).toBe(0);
  });

  it('destroys the socket on a reset fault and creates accounts over HTTP', async () => {
    server.simulator.setFaults({ faults: [{ kind: 'reset', count: 1 }] });
    await expect(fetch(`${server.url}/okx/api/v5/public/time`)).rejects.toThrow(TypeError);
    expect((await fetch(`${server.url}/okx/api/v5/public/time`)).status).toBe(200);
    const res = await fetch(`${server.url}/__sim/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ exchange: 'bingx' }),
    });
    expect(res.status).toBe(201);
  });
});
