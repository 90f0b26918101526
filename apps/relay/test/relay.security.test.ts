/**
 * The relay is not an open proxy: replayed, forged, unsigned, expired, oversized and wrong-host envelopes are refused
 * with a 4xx JSON error, counted in /metrics, and nothing reaches the target.
 */
import { randomHex } from '@cts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Relay, startRelay } from '../src/index.ts';
import { captureLogger, envelope, type RecorderReply, send, startRecorder } from './fixtures.ts';

const secret = randomHex(32);
let target: Awaited<ReturnType<typeof startRecorder>>;
let relay: Relay;
const logs: string[] = [];

beforeAll(async () => {
  target = await startRecorder((seen): RecorderReply => {
    if (seen.url.startsWith('/okx/redirect'))
      return { status: 302, headers: { location: 'https://attacker.example/steal' } };
    if (seen.url.startsWith('/okx/slow')) return { status: 0 }; // never answered (see the recorder)
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-bapi-limit-status': '49' },
      body: '{"ok":true}',
    };
  });
  relay = await startRelay({
    secret,
    port: 0,
    localAddress: '127.0.0.2',
    simulatorUrl: target.url,
    maxBodyBytes: 1024,
    timeoutMs: 500,
    logger: captureLogger(logs),
  });
});
afterAll(async () => {
  await relay?.close();
  await target?.close();
});

async function refusedWith(env: Awaited<ReturnType<typeof envelope>>, status: number, code: string) {
  const before = target.seen.length;
  const r = await send(relay.url, env);
  expect(r.status, r.text).toBe(status);
  expect(JSON.parse(r.text)).toMatchObject({ error: { code } });
  expect(r.headers.get('x-relay-error')).toBe(code);
  expect(target.seen.length, 'nothing forwarded').toBe(before);
  return r;
}

describe('relay security', () => {
  it('forwards a valid envelope from the local address and returns the reply unchanged', async () => {
    const r = await send(
      relay.url,
      await envelope(secret, {
        method: 'POST',
        url: `${target.url}/bybit/v5/order?x=1`,
        headers: { 'x-bapi-api-key': 'k', 'content-type': 'application/json' },
        body: '{"a":1}',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"ok":true}');
    expect(r.headers.get('x-bapi-limit-status')).toBe('49');
    const seen = target.seen.at(-1)!;
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/bybit/v5/order?x=1',
      remoteAddress: '127.0.0.2',
      body: '{"a":1}',
    });
    expect(seen.headers['x-bapi-api-key']).toBe('k');
    expect(Object.keys(seen.headers).some((k) => k.startsWith('x-relay'))).toBe(false);
  });

  it('refuses a replayed envelope', async () => {
    const env = await envelope(secret, { url: `${target.url}/okx/api/v5/account/balance` });
    expect((await send(relay.url, env)).status).toBe(200);
    await refusedWith(env, 409, 'replayed');
  });

  it('refuses a forged envelope: another secret, or a field changed after signing', async () => {
    await refusedWith(await envelope(randomHex(32), { url: `${target.url}/okx/x` }), 401, 'bad_signature');
    const signed = await envelope(secret, { url: `${target.url}/okx/x` });
    await refusedWith(
      { ...signed, headers: { ...signed.headers, 'x-relay-url': `${target.url}/okx/y` } },
      401,
      'bad_signature',
    );
    await refusedWith(
      await envelope(secret, { method: 'POST', url: `${target.url}/okx/x`, body: 'a' }, {}).then((e) => ({
        ...e,
        body: 'b',
      })),
      401,
      'bad_signature',
    );
  });

  it('refuses unsigned and expired envelopes', async () => {
    await refusedWith(
      { headers: { 'x-relay-url': `${target.url}/okx/x`, 'x-relay-method': 'GET' } },
      401,
      'unsigned',
    );
    await refusedWith(
      await envelope(secret, { url: `${target.url}/okx/x` }, { timestamp: Date.now() - 31_000 }),
      401,
      'expired',
    );
  });

  it('refuses hosts that are not exchange hosts: the relay itself, private addresses, plain http', async () => {
    for (const url of [
      `${relay.url}/metrics`,
      'http://10.0.0.1/api',
      'http://169.254.169.254/latest/meta-data',
      'http://api.bybit.com/v5/market/time',
      'https://api.bybit.com.evil.example/v5',
      'https://user:pw@api.bybit.com/v5',
    ])
      await refusedWith(await envelope(secret, { url }), 403, 'host_not_allowed');
  });

  it('refuses an oversized body and oversized headers', async () => {
    await refusedWith(
      await envelope(secret, { method: 'POST', url: `${target.url}/okx/x`, body: 'x'.repeat(2048) }),
      413,
      'body_too_large',
    );
    await refusedWith(
      await envelope(secret, { url: `${target.url}/okx/x`, headers: { big: 'y'.repeat(9000) } }),
      431,
      'headers_too_large',
    );
  });

  it('never follows a redirect: the 3xx comes back as it is, and nothing else is called', async () => {
    const before = target.seen.length;
    const r = await send(relay.url, await envelope(secret, { url: `${target.url}/okx/redirect` }));
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('https://attacker.example/steal');
    expect(target.seen.length).toBe(before + 1);
  });

  it('answers 504 upstream_timeout when the exchange does not answer in time', async () => {
    const r = await send(relay.url, await envelope(secret, { url: `${target.url}/okx/slow` }));
    expect(r.status).toBe(504);
    expect(r.headers.get('x-relay-error')).toBe('upstream_timeout');
  });

  it('counts refusals by reason in /metrics, and logs no query string, header or body', async () => {
    const text = await (await fetch(`${relay.url}/metrics`)).text();
    for (const reason of [
      'replayed',
      'bad_signature',
      'unsigned',
      'expired',
      'host_not_allowed',
      'body_too_large',
    ])
      expect(text).toMatch(new RegExp(`cts_relay_refused_total\\{reason="${reason}"\\} [1-9]`));
    expect(text).toMatch(/cts_relay_forwarded_total\{status="2xx"\} [1-9]/);
    const all = logs.join('\n');
    expect(all).toContain('/bybit/v5/order');
    expect(all).not.toContain('x=1');
    expect(all).not.toContain('x-bapi-api-key');
    expect(all).not.toContain('"a":1');
  });
});
