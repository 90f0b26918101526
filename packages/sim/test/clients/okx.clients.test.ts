/**
 * tiagosiebler's `okx-api` against the simulator over real sockets on loopback, pointed at it with its own
 * `baseUrl` and `wsUrl` options. Nothing is patched.
 */
import { RestClient, WebsocketClient } from 'okx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../../src/server.ts';
import { silentLogger, waitFor } from './client-kit.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());

const creds = (a: CreatedAccount, secret = a.apiSecret) => ({
  apiKey: a.apiKey,
  apiSecret: secret,
  apiPass: a.passphrase!,
});

async function privateStream(a: CreatedAccount, secret = a.apiSecret) {
  const client = new WebsocketClient(
    { accounts: [creds(a, secret)], wsUrl: `${server.url.replace('http', 'ws')}/okx/ws/v5/private` },
    silentLogger,
  );
  const seen = { authenticated: [] as unknown[], updates: [] as unknown[], exceptions: [] as unknown[] };
  client.on('authenticated', (e) => seen.authenticated.push(e));
  client.on('update', (e) => seen.updates.push(e));
  client.on('exception', (e) => seen.exceptions.push(e));
  client.subscribe({ channel: 'account' }).forEach((p) => {
    p.catch((e: unknown) => seen.exceptions.push(e));
  });
  return { client, seen };
}

describe('okx-api', () => {
  it('RestClient reads the trading account balance', async () => {
    const a = await server.simulator.createAccount({ exchange: 'okx' });
    const [balance] = await new RestClient({ ...creds(a), baseUrl: `${server.url}/okx` }).getBalance();
    expect(balance!.details).toContainEqual(expect.objectContaining({ ccy: 'USDT', eq: '8100' }));
  });

  it('refuses a wrong secret: the rejection is OKX body 50113', async () => {
    const a = await server.simulator.createAccount({ exchange: 'okx' });
    const failure = await new RestClient({ ...creds(a, 'not-the-secret'), baseUrl: `${server.url}/okx` })
      .getBalance()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: '50113' });
  });

  it('WebsocketClient logs in and receives the account snapshot', async () => {
    const a = await server.simulator.createAccount({ exchange: 'okx' });
    const { client, seen } = await privateStream(a);
    try {
      await waitFor(() => seen.authenticated.length > 0, 'the login reply');
      expect(seen.authenticated[0]).toMatchObject({ event: 'login', code: '0' });
      await waitFor(() => seen.updates.length > 0, 'the account snapshot');
      expect(seen.updates[0]).toMatchObject({ arg: { channel: 'account' } });
    } finally {
      client.closeAll(true);
    }
  });

  it('WebsocketClient reports a wrong secret as a login exception', async () => {
    const a = await server.simulator.createAccount({ exchange: 'okx' });
    const { client, seen } = await privateStream(a, 'not-the-secret');
    try {
      await waitFor(() => seen.exceptions.length > 0, 'the login failure');
      expect(JSON.stringify(seen.exceptions[0])).toContain('"code":"60007"');
      expect(seen.authenticated).toEqual([]);
    } finally {
      client.closeAll(true);
    }
  });
});
