/**
 * tiagosiebler's `bybit-api` (the most used Bybit client on npm; Bybit publishes none of its own there) against the simulator over real
 * sockets on loopback, pointed at it with its own `baseUrl` and `wsUrl` options. Nothing is patched.
 */
import { RestClientV5, WebsocketClient } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../../src/server.ts';
import { silentLogger, waitFor } from './client-kit.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());

const rest = (a: CreatedAccount, secret = a.apiSecret) =>
  new RestClientV5({ key: a.apiKey, secret, baseUrl: `${server.url}/bybit`, throwExceptions: true });

/** The private socket: auth, then a `wallet` subscription; collects what the SDK emits. */
async function privateStream(a: CreatedAccount, secret = a.apiSecret) {
  const client = new WebsocketClient(
    { key: a.apiKey, secret, wsUrl: `${server.url.replace('http', 'ws')}/bybit/v5/private` },
    silentLogger,
  );
  const seen = { authenticated: [] as unknown[], responses: [] as unknown[], exceptions: [] as unknown[] };
  client.on('authenticated', (e) => seen.authenticated.push(e));
  client.on('response', (e) => seen.responses.push(e));
  client.on('exception', (e) => seen.exceptions.push(e));
  client.subscribeV5('wallet', 'linear').forEach((p) => {
    p.catch((e: unknown) => seen.exceptions.push(e));
  });
  return { client, seen };
}

describe('bybit-api', () => {
  it('RestClientV5 reads the unified wallet balance', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bybit' });
    const res = await rest(a).getWalletBalance({ accountType: 'UNIFIED' });
    expect(res.retCode).toBe(0);
    expect(res.result.list[0]!.coin).toContainEqual(
      expect.objectContaining({ coin: 'USDT', walletBalance: '8100' }),
    );
  });

  it('refuses a wrong secret: throwExceptions rejects with retCode 10004', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bybit' });
    const failure = await rest(a, 'not-the-secret')
      .getWalletBalance({ accountType: 'UNIFIED' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ retCode: 10004 });
  });

  it('WebsocketClient authenticates the private stream and subscribes to wallet', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bybit' });
    const { client, seen } = await privateStream(a);
    try {
      await waitFor(() => seen.authenticated.length > 0, 'the auth reply');
      expect(seen.authenticated[0]).toMatchObject({ success: true, op: 'auth' });
      await waitFor(
        () => seen.responses.some((r) => (r as { op?: string }).op === 'subscribe'),
        'the subscribe reply',
      );
      expect(seen.exceptions).toEqual([]);
    } finally {
      client.closeAll(true);
    }
  });

  it('WebsocketClient reports a wrong secret as an auth exception', async () => {
    const a = await server.simulator.createAccount({ exchange: 'bybit' });
    const { client, seen } = await privateStream(a, 'not-the-secret');
    try {
      await waitFor(() => seen.exceptions.length > 0, 'the auth failure');
      expect(JSON.stringify(seen.exceptions[0])).toContain('"success":false');
      expect(seen.authenticated).toEqual([]);
    } finally {
      client.closeAll(true);
    }
  });
});
