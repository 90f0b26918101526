// A Web-standard smoke suite for packages/core: the same checks run on Node, Bun, Deno and workerd
// (runtime-matrix.test.ts). It uses only Web APIs, so a runtime that lacks one fails here.
import {
  createConnector,
  ed25519Base64,
  generateKeyPairPem,
  hmacSha256Base64,
  hmacSha256Hex,
  rsaSha256Base64,
  toBase64,
  verifyAsymmetric,
} from '../../src/index.ts';

export interface SmokeReport {
  runtime: string;
  passed: string[];
  failed: Array<{ name: string; error: string }>;
}

type Check = [name: string, run: () => Promise<void> | void];

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

const checks: Check[] = [
  [
    'HMAC-SHA256 hex and base64 (RFC 4231 case 2)',
    async () => {
      const hex = await hmacSha256Hex('Jefe', 'what do ya want for nothing?');
      assertEqual(hex, '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex');
      const b64 = await hmacSha256Base64('Jefe', 'what do ya want for nothing?');
      assertEqual(b64, 'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=', 'base64');
    },
  ],
  [
    'Binance documented HMAC example',
    async () => {
      const sig = await hmacSha256Hex(
        'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
        'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559',
      );
      assertEqual(sig, 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71', 'signature');
    },
  ],
  [
    'RSA-SHA256 and Ed25519 sign and verify through Web Crypto',
    async () => {
      for (const type of ['rsa', 'ed25519'] as const) {
        const { privateKeyPem, publicKeyPem } = await generateKeyPairPem(type);
        const sig =
          type === 'rsa'
            ? await rsaSha256Base64(privateKeyPem, 'm')
            : await ed25519Base64(privateKeyPem, 'm');
        assertEqual(await verifyAsymmetric(type, publicKeyPem, 'm', sig), true, `${type} verify`);
        assertEqual(await verifyAsymmetric(type, publicKeyPem, 'x', sig), false, `${type} tamper`);
      }
    },
  ],
  ['base64 without Buffer', () => assertEqual(toBase64(new Uint8Array([0, 255, 128])), 'AP+A', 'base64')],
  [
    'bad connector options throw a TypeError naming the field',
    () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ exchange: 'kraken', apiType: 'spot', credentials: { apiKey: 'k', apiSecret: 's' } }, 'exchange'],
        [{ exchange: 'bingx', apiType: 'margin', credentials: { apiKey: 'k', apiSecret: 's' } }, 'apiType'],
        [
          { exchange: 'okx', apiType: 'spot', credentials: { apiKey: 'k', apiSecret: 's' } },
          'credentials.passphrase',
        ],
        [
          { exchange: 'bybit', apiType: 'spot', credentials: { apiKey: 'k', apiSecret: '' } },
          'credentials.apiSecret',
        ],
      ];
      for (const [options, field] of cases) {
        try {
          createConnector(options as never);
          throw new Error(`no error for ${field}`);
        } catch (err) {
          if (!(err instanceof TypeError) || !err.message.startsWith(field))
            throw new Error(`expected TypeError on ${field}, got ${String(err)}`);
        }
      }
    },
  ],
];

/** Extra checks registered by other smoke files (connectors against the in-process simulator). */
export const extraChecks: Check[] = [];

export async function runSmoke(runtime: string): Promise<SmokeReport> {
  const report: SmokeReport = { runtime, passed: [], failed: [] };
  for (const [name, run] of [...checks, ...extraChecks]) {
    try {
      await run();
      report.passed.push(name);
    } catch (err) {
      report.failed.push({ name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}
