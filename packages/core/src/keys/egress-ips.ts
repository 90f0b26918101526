/**
 * The server's egress IPs (`CTS_EGRESS_IPS`): the addresses exchanges see this server's signed calls come from.
 * A key bound to IPs must list every one of them, or the exchange refuses the key once traffic leaves from a
 * missing one.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+(:(\d{1,3}\.){3}\d{1,3})?$/i;

function isIp(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && IPV6.test(value));
}

/**
 * Parses a comma-separated list of IPv4/IPv6 addresses (spaces and empty items ignored).
 * Throws a TypeError naming `name` and the bad item.
 *
 * @example parseEgressIps('203.0.113.7, 198.51.100.2') // ['203.0.113.7', '198.51.100.2']
 */
export function parseEgressIps(value: string | undefined, name = 'CTS_EGRESS_IPS'): string[] {
  if (value === undefined) return [];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items)
    if (!isIp(item)) throw new TypeError(`${name}: "${item}" is not an IPv4 or IPv6 address`);
  return [...new Set(items.map((ip) => ip.toLowerCase()))];
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether `ip` is in `list`: an exact address, or inside an IPv4 CIDR range (`203.0.113.0/24`). */
export function ipListed(ip: string, list: readonly string[]): boolean {
  const wanted = ip.toLowerCase();
  for (const raw of list) {
    const entry = raw.trim().toLowerCase();
    if (entry === wanted) return true;
    const [base, bits] = entry.split('/');
    if (bits === undefined || !IPV4.test(base ?? '') || !IPV4.test(wanted)) continue;
    const n = Number(bits);
    if (!Number.isInteger(n) || n < 0 || n > 32) continue;
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    if ((ipv4ToInt(wanted) & mask) >>> 0 === (ipv4ToInt(base as string) & mask) >>> 0) return true;
  }
  return false;
}

/** The egress IPs a key's IP list lacks (empty when the list covers them all, or when none are configured). */
export function missingEgressIps(egress: readonly string[], keyIps: readonly string[]): string[] {
  return egress.filter((ip) => !ipListed(ip, keyIps));
}
