/**
 * core's createRelayFetch against real relays: calls go through the relay serving their exchange (from its local
 * address), fail over to the next relay on a network error only, never on an exchange reply, and go direct when
 * no relay serves the exchange.
 */
import { randomHex } from '@cts/core';
import { createRelayFetch } from '@cts/core/egress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Relay, startRelay } from '../src/index.ts';
import { startRecorder } from './fixtures.ts';

const secret = randomHex(32);
let target: Awaited<ReturnType<typeof startRecorder>>;
let relay: Relay;
let deadUrl: string;

beforeAll(async () => {
  target = await startRecorder((s): { status: number; headers: Record<string, string>; body: string } =>
    s.url.includes('/fail')
      ? { status: 503, headers: { 'content-type': 'application/json' }, body: '{"code":"busy"}' }
      : {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-mbx-used-weight-1m': '7' },
          body: `{"seen":"${s.remoteAddress}"}`,
        },
  );
  relay = await startRelay({
    secret,
    port: 0,
    localAddress: '127.0.0.2',
    simulatorUrl: target.url,
    logger: silent,
  });
  const dead = await startRelay({ secret, port: 0, simulatorUrl: target.url, logger: silent });
  deadUrl = dead.url;
  await dead.close(); // nothing listens there any more: a network error
});
afterAll(async () => {
  await relay?.close();
  await target?.close();
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('createRelayFetch', () => {
  it('sends through the relay serving the exchange: the exchange sees the relay’s address, the reply is unchanged', async () => {
    const f = createRelayFetch({
      relays: [{ url: relay.url, secret, ips: ['127.0.0.2'], exchanges: ['binance'] }],
      exchangeBaseUrl: target.url,
    });
    const res = await f(`${target.url}/binance/api/v3/account?timestamp=1&signature=abc`, {
      headers: { 'x-mbx-apikey': 'k' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mbx-used-weight-1m')).toBe('7');
    expect(await res.json()).toEqual({ seen: '127.0.0.2' });
    expect(target.seen.at(-1)?.headers['x-mbx-apikey']).toBe('k');
  });

  it('goes direct for an exchange no relay serves', async () => {
    const f = createRelayFetch({
      relays: [{ url: relay.url, secret, ips: ['127.0.0.2'], exchanges: ['binance'] }],
      exchangeBaseUrl: target.url,
    });
    expect(await (await f(`${target.url}/okx/api/v5/account/balance`)).json()).toEqual({ seen: '127.0.0.1' });
  });

  it('fails over to the next relay on a network error', async () => {
    const forwarded = relay.metrics.forwardedCount();
    const f = createRelayFetch({
      relays: [
        { url: deadUrl, secret, ips: ['127.0.0.3'] },
        { url: relay.url, secret, ips: ['127.0.0.2'] },
      ],
      exchangeBaseUrl: target.url,
    });
    const res = await f(`${target.url}/bybit/v5/account/info`, { method: 'POST', body: '{"a":1}' });
    expect(await res.json()).toEqual({ seen: '127.0.0.2' });
    expect(relay.metrics.forwardedCount()).toBe(forwarded + 1);
    expect(target.seen.at(-1)?.body).toBe('{"a":1}');
  });

  it('never fails over on an exchange reply, even a 503', async () => {
    const second = await startRelay({ secret, port: 0, simulatorUrl: target.url, logger: silent });
    try {
      const f = createRelayFetch({
        relays: [
          { url: relay.url, secret, ips: ['127.0.0.2'] },
          { url: second.url, secret, ips: ['127.0.0.1'] },
        ],
        exchangeBaseUrl: target.url,
      });
      const res = await f(`${target.url}/bybit/fail`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 'busy' });
      expect(second.metrics.forwardedCount()).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('throws a non-retryable network error naming the refusal (wrong secret), and one when every relay is down', async () => {
    const wrong = createRelayFetch({
      relays: [{ url: relay.url, secret: randomHex(32), ips: ['127.0.0.2'] }],
      exchangeBaseUrl: target.url,
    });
    await expect(wrong(`${target.url}/okx/x`)).rejects.toMatchObject({
      code: 'network',
      retryable: false,
      message: expect.stringContaining('bad_signature'),
    });
    const down = createRelayFetch({
      relays: [{ url: deadUrl, secret, ips: ['127.0.0.3'] }],
      exchangeBaseUrl: target.url,
    });
    await expect(down(`${target.url}/okx/x`)).rejects.toMatchObject({ code: 'network', retryable: true });
  });
});
