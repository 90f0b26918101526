/**
 * The BingX connector's fallback host against the simulator over real HTTP on loopback: when the primary
 * host (`/bingx`) cannot be reached, the connection test is carried by `/bingx-fallback` (open-api.bingx.pro)
 * with the same account; an exchange reply from the primary never moves it.
 */
import { createConnector } from '@cts/core/connectors';
import type { FetchLike } from '@cts/core/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../src/server.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());

/** A network where the primary host is unreachable (the request never leaves: no reply at all). */
const primaryDown: FetchLike = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.pathname.startsWith('/bingx/')) return Promise.reject(new TypeError('fetch failed'));
  return fetch(input, init);
};

describe('BingX fallback host', () => {
  it('passes testConnection through /bingx-fallback when /bingx is unreachable', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const connector = createConnector({
      exchange: 'bingx',
      apiType: 'perpetual_futures',
      credentials: { apiKey: a.apiKey, apiSecret: a.apiSecret },
      baseUrl: server.url,
      fetch: primaryDown,
      timeoutMs: 5000,
    });
    const result = await connector.testConnection();
    expect(result.error).toBeUndefined();
    expect(result.balance?.total).toBe(5250);
    expect(server.simulator.stats().bingx!.keys[a.id]!.accepted).toBeGreaterThanOrEqual(2);
  });

  it('reports a wrong secret from the primary host without trying the fallback', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const seen: string[] = [];
    const recording: FetchLike = (input, init) => {
      seen.push(new URL(input instanceof Request ? input.url : input).pathname);
      return fetch(input, init);
    };
    const connector = createConnector({
      exchange: 'bingx',
      apiType: 'perpetual_futures',
      credentials: { apiKey: a.apiKey, apiSecret: 'not-the-secret' },
      baseUrl: server.url,
      fetch: recording,
    });
    await expect(connector.getBalance()).rejects.toMatchObject({ code: 'auth.invalid_signature' });
    expect(seen.every((p) => p.startsWith('/bingx/'))).toBe(true);
  });
});
