import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';

const err = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg, data: {} } });

/**
 * BingX's codes (reference §4.4): 100413 incorrect key (HTTP 401), 100001 signature, 100412 null signature,
 * 100421 timestamp, 100419 IP whitelist, 100004 permission, 100410 rate limit (HTTP 429).
 */
export function bingxReject(reason: RejectReason, info: RejectInfo): Reply {
  switch (reason) {
    case 'missing_auth':
    case 'bad_key':
    case 'wrong_environment':
    case 'key_expired':
      return err(401, 100413, 'Incorrect apiKey');
    case 'bad_signature':
      return info.detail === 'null'
        ? err(200, 100412, 'Null signature')
        : err(200, 100001, 'Signature verification failed');
    case 'timestamp':
      return err(200, 100421, 'Null timestamp or timestamp mismatch');
    case 'ip':
      return err(200, 100419, `your current request IP is ${info.ip} does not match IP whitelist`);
    case 'permission':
      return err(200, 100004, 'Permission denied as the API key was created without the permission');
    case 'rate_limit':
    case 'banned':
      return err(429, 100410, 'The request frequency is too high, please try again later');
    case 'not_found':
      return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    default:
      return err(200, 80014, info.detail ?? 'Invalid parameters');
  }
}

/** Maintenance: HTTP 503 with 100500 "internal error" (our choice; not in the reference). */
export function bingxMaintenance(): Reply {
  return err(503, 100500, 'Internal system error, the system is under maintenance');
}
