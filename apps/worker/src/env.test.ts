import { describe, expect, it } from 'vitest';
import type { Bindings } from './env.ts';
import { loadWorkerEnv } from './env.ts';

const base = {
  LIMITER: {} as Bindings['LIMITER'],
  CTS_MASTER_KEY: 'k1:AAAA',
  CTS_JWT_SECRET: 'j'.repeat(32),
};

describe('loadWorkerEnv', () => {
  it('applies defaults to the variables', () => {
    const env = loadWorkerEnv(base);
    expect(env).toMatchObject({
      CTS_LOG_LEVEL: 'info',
      CTS_CRON_MAX_TASKS: 10,
      CTS_CRON_MIN_AGE_MS: 240_000,
    });
    expect(env.CTS_LIMITER_SECRET).toBeUndefined();
    expect(
      loadWorkerEnv({ ...base, CTS_CRON_MAX_TASKS: '3', CTS_LIMITER_SECRET: '' }).CTS_CRON_MAX_TASKS,
    ).toBe(3);
  });

  it('names each bad variable and its rule, never the value', () => {
    const shortJwt = 'short-jwt-secret-value';
    const shortLimiter = 'limiter-secret-too-short';
    let message = '';
    try {
      loadWorkerEnv({
        ...base,
        CTS_JWT_SECRET: shortJwt,
        CTS_LIMITER_SECRET: shortLimiter,
        CTS_DATABASE_URL: 'file:./local.db',
        CTS_CRON_MAX_TASKS: '500',
        CTS_LIMITER_LOCATION: 'mars',
      });
    } catch (err) {
      expect(err).toBeInstanceOf(TypeError);
      message = (err as Error).message;
    }
    for (const name of [
      'CTS_JWT_SECRET',
      'CTS_LIMITER_SECRET',
      'CTS_DATABASE_URL',
      'CTS_CRON_MAX_TASKS',
      'CTS_LIMITER_LOCATION',
    ])
      expect(message).toContain(name);
    expect(message).not.toContain(shortJwt);
    expect(message).not.toContain(shortLimiter);
    expect(() => loadWorkerEnv({ LIMITER: base.LIMITER })).toThrow(/CTS_MASTER_KEY/);
    expect(() => loadWorkerEnv({ ...base, CTS_EXCHANGE_BASE_URL: 'mailto:sim@example.com' })).toThrow(
      /CTS_EXCHANGE_BASE_URL: expected an http\(s\) URL/,
    );
  });

  it('reads CTS_EGRESS_IPS as a comma list of IPs and names a bad item', () => {
    expect(loadWorkerEnv(base).CTS_EGRESS_IPS).toEqual([]);
    expect(loadWorkerEnv({ ...base, CTS_EGRESS_IPS: '203.0.113.7, 2001:db8::1' }).CTS_EGRESS_IPS).toEqual([
      '203.0.113.7',
      '2001:db8::1',
    ]);
    expect(() => loadWorkerEnv({ ...base, CTS_EGRESS_IPS: '203.0.113.7,relay.example' })).toThrow(
      /CTS_EGRESS_IPS: "relay.example" is not an IPv4 or IPv6 address/,
    );
  });

  it('reads CTS_EGRESS_RELAYS as a JSON list and names a bad field', () => {
    expect(loadWorkerEnv(base).CTS_EGRESS_RELAYS).toEqual([]);
    const relay = {
      url: 'https://relay.example',
      secret: 'r'.repeat(40),
      ips: ['203.0.113.7'],
      exchanges: ['okx'],
    };
    expect(loadWorkerEnv({ ...base, CTS_EGRESS_RELAYS: JSON.stringify([relay]) }).CTS_EGRESS_RELAYS).toEqual([
      relay,
    ]);
    expect(() =>
      loadWorkerEnv({ ...base, CTS_EGRESS_RELAYS: JSON.stringify([{ ...relay, exchanges: ['kraken'] }]) }),
    ).toThrow(/CTS_EGRESS_RELAYS: \[0\]\.exchanges/);
  });
});
