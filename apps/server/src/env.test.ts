import { describe, expect, it } from 'vitest';
import { connectionCacheOf, loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({ CTS_JWT_SECRET: '' });
    expect(env).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      CTS_DATABASE_URL: 'file:./data/cts.db',
      CTS_DATA_DIR: './data',
    });
    expect([
      env.CTS_MASTER_KEY,
      env.CTS_JWT_SECRET,
      env.CTS_EXCHANGE_BASE_URL,
      env.CTS_DATABASE_AUTH_TOKEN,
    ]).toEqual([undefined, undefined, undefined, undefined]);
    expect(loadEnv({ CTS_DATABASE_AUTH_TOKEN: ' tok ' }).CTS_DATABASE_AUTH_TOKEN).toBe('tok');
  });

  it('names each bad variable and its rule, without echoing values', () => {
    const secret = 'short-secret';
    let message = '';
    try {
      loadEnv({ PORT: 'eighty', CTS_JWT_SECRET: secret, CTS_EXCHANGE_BASE_URL: 'not a url' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('CTS_JWT_SECRET: at least 32 characters');
    expect(message).toContain('CTS_EXCHANGE_BASE_URL');
    expect(message).not.toContain(secret);
    expect(() => loadEnv({ CTS_EXCHANGE_BASE_URL: 'ftp://127.0.0.1/sim' })).toThrow(
      /CTS_EXCHANGE_BASE_URL: expected an http\(s\) URL/,
    );
    expect(loadEnv({ CTS_EXCHANGE_BASE_URL: 'http://127.0.0.1:9/' }).CTS_EXCHANGE_BASE_URL).toBe(
      'http://127.0.0.1:9/',
    );
  });
  it('reads CTS_EGRESS_IPS as a comma list of IPs and names a bad item', () => {
    expect(loadEnv({}).CTS_EGRESS_IPS).toEqual([]);
    expect(loadEnv({ CTS_EGRESS_IPS: ' 203.0.113.7,198.51.100.2 ' }).CTS_EGRESS_IPS).toEqual([
      '203.0.113.7',
      '198.51.100.2',
    ]);
    expect(() => loadEnv({ CTS_EGRESS_IPS: '203.0.113.300' })).toThrow(
      /CTS_EGRESS_IPS: "203.0.113.300" is not an IPv4 or IPv6 address/,
    );
  });

  it('reads CTS_EGRESS_RELAYS as a JSON list and names a bad field without its secret', () => {
    expect(loadEnv({}).CTS_EGRESS_RELAYS).toEqual([]);
    const secret = 'r'.repeat(40);
    const relays = JSON.stringify([{ url: 'https://relay.example:8788', secret, ips: ['203.0.113.7'] }]);
    expect(loadEnv({ CTS_EGRESS_RELAYS: relays }).CTS_EGRESS_RELAYS).toEqual([
      { url: 'https://relay.example:8788', secret, ips: ['203.0.113.7'] },
    ]);
    const bad = JSON.stringify([{ url: 'https://relay.example', secret, ips: ['nope'] }]);
    expect(() => loadEnv({ CTS_EGRESS_RELAYS: bad })).toThrow(/CTS_EGRESS_RELAYS: \[0\]\.ips: "nope"/);
    expect(() => loadEnv({ CTS_EGRESS_RELAYS: bad })).not.toThrow(new RegExp(secret));
  });

  it('reads CTS_CONNECTION_CACHE as auto, on, off or a max age, and refuses anything else', () => {
    expect(connectionCacheOf(loadEnv({}).CTS_CONNECTION_CACHE)).toBeUndefined();
    expect(connectionCacheOf(loadEnv({ CTS_CONNECTION_CACHE: 'on' }).CTS_CONNECTION_CACHE)).toBe(true);
    expect(connectionCacheOf(loadEnv({ CTS_CONNECTION_CACHE: 'off' }).CTS_CONNECTION_CACHE)).toBe(false);
    expect(connectionCacheOf(loadEnv({ CTS_CONNECTION_CACHE: '5000' }).CTS_CONNECTION_CACHE)).toEqual({
      maxAgeMs: 5000,
    });
    expect(() => loadEnv({ CTS_CONNECTION_CACHE: 'sometimes' })).toThrow(/CTS_CONNECTION_CACHE/);
  });
});
