import { describe, expect, it } from 'vitest';
import { ipListed, missingEgressIps, parseEgressIps } from './egress-ips.ts';

describe('parseEgressIps', () => {
  it('reads a comma list of IPv4 and IPv6 addresses, ignoring spaces, empty items and repeats', () => {
    expect(parseEgressIps(' 203.0.113.7, ,2001:DB8::1,203.0.113.7 ')).toEqual(['203.0.113.7', '2001:db8::1']);
    expect(parseEgressIps(undefined)).toEqual([]);
    expect(parseEgressIps('')).toEqual([]);
  });

  it('refuses anything else, naming the variable and the item', () => {
    expect(() => parseEgressIps('203.0.113.7,example.com')).toThrow(/CTS_EGRESS_IPS: "example.com"/);
    expect(() => parseEgressIps('256.1.1.1')).toThrow(TypeError);
  });
});

describe('ipListed / missingEgressIps', () => {
  it('matches exact addresses and IPv4 CIDR ranges', () => {
    expect(ipListed('203.0.113.7', ['203.0.113.0/24'])).toBe(true);
    expect(ipListed('203.0.114.7', ['203.0.113.0/24'])).toBe(false);
    expect(ipListed('2001:db8::1', ['2001:DB8::1'])).toBe(true);
    expect(missingEgressIps(['1.1.1.1', '2.2.2.2'], ['1.1.1.1'])).toEqual(['2.2.2.2']);
  });
});
