/**
 * Test-only signers written with node:crypto straight from the reference (§1.2, 2.2, 3.2, 4.2, 5.2, 6.2),
 * independent of the simulator's verifiers and of the connectors.
 */
import { createHmac, createPrivateKey, sign } from 'node:crypto';

export interface Creds {
  apiKey: string;
  apiSecret: string;
  passphrase?: string;
  keyType?: 'hmac' | 'rsa' | 'ed25519';
}

export interface Signed {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
}

const hmacHex = (secret: string, msg: string) => createHmac('sha256', secret).update(msg).digest('hex');
const hmacB64 = (secret: string, msg: string) => createHmac('sha256', secret).update(msg).digest('base64');

export function bybitGet(
  base: string,
  c: Creds,
  path: string,
  query: string,
  ts: number,
  recvWindow = '5000',
): Signed {
  const payload = `${ts}${c.apiKey}${recvWindow}${query}`;
  const signature =
    c.keyType === 'rsa'
      ? sign('sha256', Buffer.from(payload), createPrivateKey(c.apiSecret)).toString('base64')
      : hmacHex(c.apiSecret, payload);
  return {
    url: `${base}${path}${query ? `?${query}` : ''}`,
    init: {
      headers: {
        'X-BAPI-API-KEY': c.apiKey,
        'X-BAPI-TIMESTAMP': String(ts),
        'X-BAPI-RECV-WINDOW': recvWindow,
        'X-BAPI-SIGN': signature,
      },
    },
  };
}

export function binanceGet(base: string, c: Creds, path: string, params: string, ts: number): Signed {
  const query = `${params ? `${params}&` : ''}timestamp=${ts}`;
  let signature: string;
  if (c.keyType === 'rsa' || c.keyType === 'ed25519') {
    const key = createPrivateKey(c.apiSecret);
    const raw = sign(c.keyType === 'rsa' ? 'sha256' : null, Buffer.from(query), key).toString('base64');
    signature = encodeURIComponent(raw);
  } else signature = hmacHex(c.apiSecret, query);
  return {
    url: `${base}${path}?${query}&signature=${signature}`,
    init: { headers: { 'X-MBX-APIKEY': c.apiKey } },
  };
}

export function okxGet(
  base: string,
  c: Creds,
  path: string,
  query: string,
  ts: number,
  demo = false,
): Signed {
  const iso = new Date(ts).toISOString();
  const requestPath = `${path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = {
    'OK-ACCESS-KEY': c.apiKey,
    'OK-ACCESS-SIGN': hmacB64(c.apiSecret, `${iso}GET${requestPath}`),
    'OK-ACCESS-TIMESTAMP': iso,
    'OK-ACCESS-PASSPHRASE': c.passphrase ?? '',
  };
  if (demo) headers['x-simulated-trading'] = '1';
  return { url: `${base}${requestPath}`, init: { headers } };
}

export function bingxGet(base: string, c: Creds, path: string, params: string, ts: number): Signed {
  const query = `${params ? `${params}&` : ''}timestamp=${ts}`;
  return {
    url: `${base}${path}?${query}&signature=${hmacHex(c.apiSecret, query)}`,
    init: { headers: { 'X-BX-APIKEY': c.apiKey } },
  };
}

export function pionexGet(
  base: string,
  c: Creds,
  path: string,
  params: Record<string, string>,
  ts: number,
): Signed {
  const all = { ...params, timestamp: String(ts) };
  const sorted = Object.keys(all)
    .sort()
    .map((k) => `${k}=${all[k as keyof typeof all]}`)
    .join('&');
  const query = Object.entries(all)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return {
    url: `${base}${path}?${query}`,
    init: {
      headers: { 'PIONEX-KEY': c.apiKey, 'PIONEX-SIGNATURE': hmacHex(c.apiSecret, `GET${path}?${sorted}`) },
    },
  };
}

/** OrangeX client_signature: hex of the ASCII bytes of hex(HMAC(secret, id\nts\nnonce\n)). */
export function orangexSignature(c: Creds, ts: number, nonce: string): string {
  const inner = hmacHex(c.apiSecret, `${c.apiKey}\n${ts}\n${nonce}\n`);
  return Buffer.from(inner, 'ascii').toString('hex');
}

export function rpc(
  base: string,
  method: string,
  params: unknown,
  headers: Record<string, string> = {},
): Signed {
  return {
    url: `${base}/api/v1${method}`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }),
    },
  };
}

/** Exchange replies, read loosely in tests (their shapes are what the assertions check). */
// biome-ignore lint/suspicious/noExplicitAny: test-only reader type for JSON replies
export type Loose = any;
