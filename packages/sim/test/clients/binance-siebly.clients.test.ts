/**
 * tiagosiebler's `binance` SDK (sieblyio/binance) against the simulator over real sockets on loopback,
 * pointed at it with its own `baseUrl`, `wsUrl` and `restOptions` options. Nothing in the library is patched.
 */
import { MainClient, USDMClient, WebsocketAPIClient, WebsocketClient } from 'binance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../../src/server.ts';
import { silentLogger, waitFor } from './client-kit.ts';

let server: SimulatorServer;
let rest: string;
let ws: string;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
  rest = `${server.url}/binance`;
  ws = `${server.url.replace('http', 'ws')}/binance`;
});
afterAll(() => server.close());

const creds = (a: CreatedAccount, secret = a.apiSecret) => ({ api_key: a.apiKey, api_secret: secret });

describe('binance (tiagosiebler) REST', () => {
  it('MainClient reads the spot balances (GET /api/v3/account)', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const account = await new MainClient({ ...creds(a), baseUrl: rest }).getAccountInformation();
    expect(account.balances).toContainEqual(
      expect.objectContaining({ asset: 'USDT', free: '1000.00000000' }),
    );
  });

  it('USDMClient reads the USDⓈ-M balances with an Ed25519 key (GET /fapi/v3/balance)', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const rows = await new USDMClient({ ...creds(a), baseUrl: rest }).getBalanceV3();
    expect(rows).toContainEqual(expect.objectContaining({ asset: 'USDT', balance: '5250.00000000' }));
  });

  it('refuses a wrong secret: the rejection carries code -1022 and Binance message', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const failure = await new MainClient({ ...creds(a, 'not-the-secret'), baseUrl: rest })
      .getAccountInformation()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: -1022, message: 'Signature for this request is not valid.' });
  });
});

describe('binance (tiagosiebler) streams', () => {
  it('Ed25519 spot: WebsocketAPIClient logs on (session.logon) and subscribes unsigned', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const client = new WebsocketAPIClient({ ...creds(a), wsUrl: ws }, silentLogger);
    try {
      const res = (await client.subscribeUserDataStream('mainWSAPI')) as { result: unknown };
      expect(res.result).toEqual({ subscriptionId: 0 });
      const status = (await client.getSpotSessionStatus()) as { result: { apiKey: string } };
      expect(status.result).toMatchObject({ apiKey: a.apiKey, userDataStream: true });
    } finally {
      await client.disconnectAll();
    }
  });

  it('HMAC spot: userDataStream.subscribe.signature', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const client = new WebsocketAPIClient({ ...creds(a), wsUrl: ws }, silentLogger);
    try {
      const res = (await client.subscribeUserDataStream('mainWSAPI')) as { result: unknown };
      expect(res.result).toEqual({ subscriptionId: 0 });
    } finally {
      await client.disconnectAll();
    }
  });

  it('USDⓈ-M: listenKey over REST, then /private/stream?listenKey=<key>', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const client = new WebsocketClient(
      { ...creds(a), wsUrl: ws, restOptions: { baseUrl: rest } },
      silentLogger,
    );
    const opened: string[] = [];
    client.on('open', ({ wsUrl }: { wsUrl: string }) => opened.push(wsUrl));
    try {
      await client.subscribeUsdFuturesUserDataStream();
      await waitFor(() => opened.length > 0, 'the user data socket');
      expect(opened[0]).toMatch(/\/binance\/private\/stream\?listenKey=[0-9a-f]{64}$/);
      expect(server.simulator.stats().binance!.keys[a.id]!.accepted).toBeGreaterThanOrEqual(2);
    } finally {
      client.closeAll();
    }
  });
});
