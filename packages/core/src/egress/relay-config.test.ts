import { describe, expect, it } from 'vitest';
import { parseEgressRelays, relayEgressIps } from './relay-config.ts';

const secret = 's'.repeat(32);

describe('parseEgressRelays', () => {
  it('reads the JSON list in order, trimming the URL; empty means none', () => {
    const relays = parseEgressRelays(
      JSON.stringify([
        { url: 'https://r1.example:8788/', secret, ips: ['203.0.113.7'], exchanges: ['bybit', 'okx'] },
        { url: 'http://127.0.0.1:8788', secret, ips: ['127.0.0.2', '203.0.113.7'] },
      ]),
    );
    expect(relays).toEqual([
      { url: 'https://r1.example:8788', secret, ips: ['203.0.113.7'], exchanges: ['bybit', 'okx'] },
      { url: 'http://127.0.0.1:8788', secret, ips: ['127.0.0.2', '203.0.113.7'] },
    ]);
    expect(relayEgressIps(relays)).toEqual(['203.0.113.7', '127.0.0.2']);
    expect(parseEgressRelays(undefined)).toEqual([]);
    expect(parseEgressRelays(' ')).toEqual([]);
  });

  it('names the item and the rule, never the secret', () => {
    const bad = (v: unknown) => () => parseEgressRelays(JSON.stringify(v));
    expect(() => parseEgressRelays('{')).toThrow(/CTS_EGRESS_RELAYS: expected a JSON array/);
    expect(bad([{ url: 'ftp://x', secret, ips: ['1.2.3.4'] }])).toThrow(
      /\[0\]\.url: expected an http\(s\) URL/,
    );
    expect(bad([{ url: 'https://x', secret: 'short', ips: ['1.2.3.4'] }])).toThrow(
      /\[0\]\.secret: at least 32/,
    );
    expect(bad([{ url: 'https://x', secret, ips: [] }])).toThrow(/\[0\]\.ips/);
    expect(bad([{ url: 'https://x', secret, ips: ['1.2.3.999'] }])).toThrow(/\[0\]\.ips: "1\.2\.3\.999"/);
    expect(bad([{ url: 'https://x', secret, ips: ['1.2.3.4'], exchanges: ['kraken'] }])).toThrow(
      /\[0\]\.exchanges/,
    );
    try {
      parseEgressRelays(JSON.stringify([{ url: 'https://x', secret: `${secret}`, ips: ['nope'] }]));
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });
});
