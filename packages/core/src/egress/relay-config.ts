import { EXCHANGES, type ExchangeId } from '../exchanges/ids.ts';
import { parseEgressIps } from '../keys/egress-ips.ts';

/** One egress relay: where it listens, its shared secret, the IPs it sends from, and what it serves. */
export interface EgressRelay {
  /** The relay's base URL (http or https), e.g. `https://relay-1.example.com:8788`. */
  url: string;
  /** The relay's RELAY_SECRET (at least 32 characters). */
  secret: string;
  /** The IPs the relay's exchange calls leave from: the IPs to bind keys to. */
  ips: string[];
  /** The exchanges it serves. @default every exchange */
  exchanges?: ExchangeId[];
}

function fail(index: number, field: string, rule: string): never {
  throw new TypeError(`CTS_EGRESS_RELAYS[${index}].${field}: ${rule}`);
}

/**
 * Parses `CTS_EGRESS_RELAYS`: a JSON array of `{ url, secret, ips, exchanges? }`, tried in order (the first relay
 * serving an exchange takes its calls; the next ones take over on network errors). Empty or absent: no relays
 * (direct egress). Throws a TypeError naming the item and field, never the secret.
 *
 * @example parseEgressRelays('[{"url":"https://r1.example:8788","secret":"…32+ chars…","ips":["203.0.113.7"],"exchanges":["bybit"]}]')
 */
export function parseEgressRelays(value: string | undefined): EgressRelay[] {
  if (value === undefined || value.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new TypeError('CTS_EGRESS_RELAYS: expected a JSON array of {url, secret, ips, exchanges?}');
  }
  if (!Array.isArray(raw))
    throw new TypeError('CTS_EGRESS_RELAYS: expected a JSON array of {url, secret, ips, exchanges?}');
  return raw.map((item: unknown, i): EgressRelay => {
    if (typeof item !== 'object' || item === null) fail(i, '', 'expected an object');
    const r = item as Record<string, unknown>;
    if (typeof r.url !== 'string' || !/^https?:\/\//i.test(r.url) || !URL.canParse(r.url))
      fail(i, 'url', 'expected an http(s) URL');
    if (typeof r.secret !== 'string' || r.secret.length < 32) fail(i, 'secret', 'at least 32 characters');
    if (!Array.isArray(r.ips) || r.ips.length === 0 || r.ips.some((ip) => typeof ip !== 'string'))
      fail(i, 'ips', 'expected a non-empty array of IP addresses');
    const ips = parseEgressIps((r.ips as string[]).join(','), `CTS_EGRESS_RELAYS[${i}].ips`);
    let exchanges: ExchangeId[] | undefined;
    if (r.exchanges !== undefined) {
      if (
        !Array.isArray(r.exchanges) ||
        r.exchanges.some((e) => !(EXCHANGES as readonly unknown[]).includes(e))
      )
        fail(i, 'exchanges', `expected an array of ${EXCHANGES.join(', ')}`);
      exchanges = r.exchanges as ExchangeId[];
    }
    return { url: r.url.replace(/\/+$/, ''), secret: r.secret, ips, ...(exchanges ? { exchanges } : {}) };
  });
}

/** Every relay's egress IPs, once each: what the key audit checks keys against and the admin shows. */
export function relayEgressIps(relays: readonly EgressRelay[]): string[] {
  return [...new Set(relays.flatMap((r) => r.ips))];
}
