import { hmacSha256Hex, verifyAsymmetric } from '@cts/core/crypto';
import type { SimAccount } from '../../accounts/account.ts';
import type { RejectReason } from '../../stats.ts';
import { sameText } from '../shared.ts';

export type WsParams = Record<string, unknown>;

/** Binance WS API errors: `{status, error: {code, msg}}` with the REST codes (reference §2.4). */
export const WS_FAILURES: Partial<Record<RejectReason, [number, number, string]>> = {
  missing_auth: [400, -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed."],
  bad_key: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  wrong_environment: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  key_expired: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  ip: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  permission: [401, -2015, 'Invalid API-key, IP, or permissions for action.'],
  timestamp: [400, -1021, 'Timestamp for this request is outside of the recvWindow.'],
  bad_signature: [400, -1022, 'Signature for this request is not valid.'],
};

export type WsReply = { status: number; result?: unknown; error?: { code: number; msg: string } };

export const failure = (reason: RejectReason): WsReply => {
  const [status, code, msg] = WS_FAILURES[reason] ?? [400, -1000, 'An unknown error occurred.'];
  return { status, error: { code, msg } };
};

/** Binance rejects timestamps before 2017-01-01 (BN-SPOT CHANGELOG 2024-12-09). */
export const BINANCE_MIN_TIMESTAMP = 1_483_228_800_000;

/**
 * WS API timing (reference §2.2, 2026 §4): `timestamp < now + 1000` and `now − timestamp ≤ recvWindow`
 * (default 5000, max 60000), never before 2017-01-01. A timestamp 10 s or more ahead — the limit the
 * 2024-12-09 changelog adds — is already past the 1 s rule.
 */
export function wsTimestampOk(params: WsParams, now: number): boolean {
  const ts = Number(params.timestamp);
  const recv = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
  return (
    Number.isFinite(ts) &&
    ts >= BINANCE_MIN_TIMESTAMP &&
    Number.isFinite(recv) &&
    recv <= 60_000 &&
    ts < now + 1000 &&
    now - ts <= recv
  );
}

/**
 * WS API signing (reference §2.2, §7): every parameter but `signature`, sorted by name, as `k=v&…`;
 * HMAC-SHA256 hex or RSA/Ed25519 base64.
 */
export async function verifyWsParams(
  account: SimAccount,
  params: WsParams,
  now: number,
): Promise<RejectReason | undefined> {
  if (!wsTimestampOk(params, now)) return 'timestamp';
  const payload = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  const signature = typeof params.signature === 'string' ? params.signature : '';
  if (account.keyType !== 'hmac')
    return (await verifyAsymmetric(account.keyType, account.publicKeyPem!, payload, signature).catch(
      () => false,
    ))
      ? undefined
      : 'bad_signature';
  return sameText(await hmacSha256Hex(account.hmacSecret!, payload), signature.toLowerCase())
    ? undefined
    : 'bad_signature';
}
