import { createHmac, createPrivateKey, sign } from 'node:crypto';
import { ManualClock } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccount } from '../accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { until } from './stream-test-kit.ts';

// Binance WS API session authentication (BN-SPOT web-socket-api.md "Session Authentication") over real sockets.
const clock = new ManualClock();
let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterAll(() => server.close());

/** Signed params as the WS API wants them: sorted `k=v&…`, HMAC hex or Ed25519/RSA base64. */
function signed(a: CreatedAccount, extra: Record<string, unknown> = {}) {
  const params: Record<string, unknown> = { apiKey: a.apiKey, timestamp: clock.now(), ...extra };
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  const signature =
    a.keyType === 'hmac'
      ? createHmac('sha256', a.apiSecret).update(payload).digest('hex')
      : sign(
          a.keyType === 'rsa' ? 'sha256' : null,
          Buffer.from(payload),
          createPrivateKey(a.apiSecret),
        ).toString('base64');
  return { ...params, signature };
}

/** A WS API connection: `call` sends one request and resolves with the frame answering it. */
async function wsApi() {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/binance/ws-api/v3`);
  const frames: Record<string, unknown>[] = [];
  socket.onmessage = (e) => frames.push(JSON.parse(String(e.data)));
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('socket error'));
  });
  let n = 0;
  const call = async (method: string, params?: Record<string, unknown>) => {
    const id = `r${n++}`;
    const before = frames.length;
    socket.send(JSON.stringify({ id, method, ...(params ? { params } : {}) }));
    await until(() => frames.length > before, method);
    return frames[before]!;
  };
  return { socket, call };
}

describe('Binance WS API session.logon', () => {
  it('Ed25519: logon, unsigned userDataStream.subscribe and account.status, status, logout', async () => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType: 'ed25519' });
    const { socket, call } = await wsApi();
    const logon = await call('session.logon', signed(a));
    expect(logon).toMatchObject({ status: 200, result: { apiKey: a.apiKey, authorizedSince: clock.now() } });
    expect(await call('userDataStream.subscribe')).toMatchObject({
      status: 200,
      result: { subscriptionId: 0 },
    });
    expect(await call('userDataStream.subscribe.signature', signed(a))).toMatchObject({
      result: { subscriptionId: 1 },
    });
    const account = await call('account.status', { timestamp: clock.now() });
    expect(account).toMatchObject({ status: 200, result: { accountType: 'SPOT' } });
    const stale = await call('account.status', { timestamp: clock.now() - 6000 });
    expect(stale).toMatchObject({ status: 400, error: { code: -1021 } });
    const logout = await call('session.logout');
    // The .signature subscription outlives the logout; the session's own one does not.
    expect(logout).toMatchObject({ result: { apiKey: null, authorizedSince: null, userDataStream: true } });
    await call('userDataStream.unsubscribe', { subscriptionId: 1 });
    expect(await call('session.status')).toMatchObject({ result: { userDataStream: false } });
    expect(await call('userDataStream.subscribe')).toMatchObject({ status: 401, error: { code: -1002 } });
    socket.close();
  });

  it.each(['hmac', 'rsa'] as const)('refuses a %s key: Ed25519 only (-1022)', async (keyType) => {
    const a = await server.simulator.createAccount({ exchange: 'binance', keyType });
    const { socket, call } = await wsApi();
    const logon = await call('session.logon', signed(a));
    expect(logon).toEqual({
      id: 'r0',
      status: 400,
      error: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
    expect(await call('session.status')).toMatchObject({ result: { apiKey: null } });
    socket.close();
  });

  it('revokes the session when its key expires: {"id":null,"status":401,-2015}', async () => {
    const a = await server.simulator.createAccount({
      exchange: 'binance',
      keyType: 'ed25519',
      expiresAt: clock.now() + 60_000,
    });
    const { socket, call } = await wsApi();
    expect(await call('session.logon', signed(a))).toMatchObject({ status: 200 });
    await clock.advance(60_000);
    const revoked = await call('account.status', { timestamp: clock.now() });
    expect(revoked).toEqual({
      id: null,
      status: 401,
      error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
    expect(await call('session.status')).toMatchObject({ result: { apiKey: null } });
    socket.close();
  });
});
