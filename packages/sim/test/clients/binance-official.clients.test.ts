/**
 * Binance's official modular connectors (@binance/spot, @binance/derivatives-trading-usds-futures, both on
 * @binance/common) against the simulator over real sockets on loopback, pointed at it with their own
 * `basePath` / `wsURL` options. Nothing in the libraries is patched.
 */

import { DerivativesTradingUsdsFutures } from '@binance/derivatives-trading-usds-futures';
import { BadRequestError, Spot } from '@binance/spot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../../src/server.ts';
import { quietBinanceLogger, waitFor } from './client-kit.ts';

let server: SimulatorServer;
let ws: string;
beforeAll(async () => {
  quietBinanceLogger();
  server = await startSimulatorServer({ port: 0 });
  ws = server.url.replace('http', 'ws');
});
afterAll(() => server.close());

/** Credentials as the connectors take them: HMAC `apiSecret`, or an RSA/Ed25519 PEM as `privateKey`. */
const keys = (a: CreatedAccount, secret = a.apiSecret) =>
  a.keyType === 'hmac' ? { apiKey: a.apiKey, apiSecret: secret } : { apiKey: a.apiKey, privateKey: secret };

const spot = (a: CreatedAccount, secret?: string) =>
  new Spot({
    configurationRestAPI: { ...keys(a, secret), basePath: `${server.url}/binance` },
    configurationWebsocketAPI: {
      ...keys(a, secret),
      wsURL: `${ws}/binance/ws-api/v3`,
      autoSessionReLogon: true,
    },
  });

describe('@binance/spot (official)', () => {
  it('reads the spot balances (GET /api/v3/account)', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const res = await spot(a).restAPI.getAccount();
    const body = await res.data();
    expect(body.balances).toContainEqual({ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' });
  });

  it('refuses a wrong secret with BadRequestError -1022', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const failure = await spot(a, 'not-the-secret')
      .restAPI.getAccount()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(failure).toMatchObject({ code: -1022, message: 'Signature for this request is not valid.' });
  });

  it('Ed25519: session.logon, then an unsigned userDataStream.subscribe and account.status', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const connection = await spot(a).websocketAPI.connect();
    try {
      const [logon] = (await connection.sessionLogon()) as unknown as [{ data: { apiKey: string } }];
      expect(logon.data.apiKey).toBe(a.apiKey);
      const subscribed = await connection.userDataStreamSubscribe();
      expect(subscribed.response.data).toEqual({ subscriptionId: 0 });
      const status = await connection.sessionStatus();
      expect(status.data).toMatchObject({ apiKey: a.apiKey, userDataStream: true });
      const account = await connection.accountStatus();
      expect(account.data.balances).toContainEqual({
        asset: 'USDT',
        free: '1000.00000000',
        locked: '0.00000000',
      });
      const [logout] = (await connection.sessionLogout()) as unknown as [{ data: { apiKey: null } }];
      expect(logout.data).toMatchObject({ apiKey: null, userDataStream: false });
    } finally {
      await connection.disconnect();
    }
    expect(server.simulator.stats().binance!.keys[a.id]!.rejections).toEqual({});
  });

  it('Ed25519: another private key is refused at session.logon (-1022) and the session stays anonymous', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const other = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const connection = await spot(a, other.apiSecret).websocketAPI.connect();
    try {
      const refused = await connection.sessionLogon().catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: -1022, msg: 'Signature for this request is not valid.' });
      const status = await connection.sessionStatus();
      expect(status.data).toMatchObject({ apiKey: null });
    } finally {
      await connection.disconnect();
    }
  });

  it('HMAC: userDataStream.subscribe.signature subscribes; session.logon is refused -1022', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const connection = await spot(a).websocketAPI.connect();
    try {
      const subscribed = await connection.userDataStreamSubscribeSignature();
      expect(subscribed.response.data).toEqual({ subscriptionId: 0 });
      const refused = await connection.sessionLogon().catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: -1022, msg: 'Signature for this request is not valid.' });
    } finally {
      await connection.disconnect();
    }
  });
});

const futures = (a: CreatedAccount, secret?: string) =>
  new DerivativesTradingUsdsFutures({
    configurationRestAPI: { ...keys(a, secret), basePath: `${server.url}/binance` },
    configurationWebsocketStreams: { wsURL: `${ws}/binance` },
  });

describe('@binance/derivatives-trading-usds-futures (official)', () => {
  it('reads the USDⓈ-M balances (GET /fapi/v3/balance)', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const res = await futures(a).restAPI.futuresAccountBalanceV3();
    const rows = await res.data();
    expect(rows).toContainEqual(expect.objectContaining({ asset: 'USDT', balance: '5250.00000000' }));
  });

  it('refuses a wrong secret with BadRequestError -1022', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const failure = await futures(a, 'not-the-secret')
      .restAPI.futuresAccountBalanceV3()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(failure).toMatchObject({ code: -1022 });
  });

  it('user data: listenKey, then /private/stream + SUBSCRIBE answered {"result":null}', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance' });
    const client = futures(a);
    const { listenKey } = await (await client.restAPI.startUserDataStream()).data();
    const connection = await client.websocketStreams.connect();
    const frames: string[] = [];
    connection.on('message', (text: string) => frames.push(text));
    try {
      connection.userData(listenKey!);
      await waitFor(() => frames.some((f) => f.includes('"result":null')), 'the SUBSCRIBE reply');
      connection.userData('0'.repeat(64));
      await waitFor(() => frames.some((f) => f.includes('"code":2')), 'the refusal of a dead listenKey');
    } finally {
      await connection.disconnect();
    }
    expect(server.simulator.stats().binance!.keys[a.id]!.accepted).toBeGreaterThanOrEqual(2);
  });
});
