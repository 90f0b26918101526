/**
 * Where alerts may go: `https:` URLs whose host is public — not a private, loopback, link-local, shared, multicast
 * or unspecified address, not `localhost` — unless the host is in the operator's allow list
 * (`CTS_ALERT_ALLOW_HOSTS`), which also permits `http:`. Literal IPs are checked here; hostnames are checked again
 * after DNS resolution by the host's `resolve` (Node), every resolved address.
 */
export interface DestinationPolicy {
  /** Hostnames (or literal IPs) exempt from the rules, lower case. @default [] */
  allowHosts?: readonly string[];
  /** Resolves a hostname to every address it has (Node's dns.lookup all). @default none: literal checks only */
  resolve?: (hostname: string) => Promise<string[]>;
}

function v4Octets(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((n) => n <= 255) ? o : null;
}

function privateV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}

/** Expands an IPv6 literal (no brackets) to 8 groups, or null when it is not one. */
function v6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase().split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const o = v4Octets(v4[1]!);
    if (!o) return null;
    s =
      s.slice(0, -v4[1]!.length) +
      `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) =>
    h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : Number.NaN));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const groups = [...head, ...new Array(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
}

/** True for an address alerts must not reach: private, loopback, link-local, CGNAT, multicast, unspecified. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = v4Octets(ip);
  if (v4) return privateV4(v4);
  const g = v6Groups(ip.replace(/^\[|\]$/g, ''));
  if (!g) return false;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff; // ::ffff:a.b.c.d
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0); // 64:ff9b::/96
  if (mapped || nat64) return privateV4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  if ((g[0]! & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0]! & 0xff00) === 0xff00) return true; // multicast
  return false;
}

function isIpLiteral(host: string): boolean {
  return v4Octets(host) !== null || host.startsWith('[');
}

/** Why `url` may not receive alerts under `policy`, or null when it may (before DNS resolution). */
export function destinationProblem(url: string, policy: DestinationPolicy = {}): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (u.username || u.password) return 'must not carry a user name or password';
  const host = u.hostname.toLowerCase();
  const allowed = (policy.allowHosts ?? []).includes(host.replace(/^\[|\]$/g, ''));
  if (u.protocol !== 'https:' && !(allowed && u.protocol === 'http:')) return 'must be an https: URL';
  if (allowed) return null;
  if (host === 'localhost' || host.endsWith('.localhost'))
    return 'must not point to this machine (localhost)';
  if (isIpLiteral(host) && isPrivateAddress(host))
    return 'must not point to a private, loopback or link-local address';
  return null;
}

/** destinationProblem, then (with `resolve`) every address the hostname resolves to. */
export async function checkDestination(url: string, policy: DestinationPolicy = {}): Promise<string | null> {
  const problem = destinationProblem(url, policy);
  if (problem) return problem;
  const host = new URL(url).hostname.toLowerCase();
  if (!policy.resolve || isIpLiteral(host) || (policy.allowHosts ?? []).includes(host)) return null;
  let addresses: string[];
  try {
    addresses = await policy.resolve(host);
  } catch {
    return `host ${host} does not resolve`;
  }
  if (addresses.length === 0) return `host ${host} does not resolve`;
  const bad = addresses.find(isPrivateAddress);
  return bad ? `host ${host} resolves to a private, loopback or link-local address (${bad})` : null;
}
