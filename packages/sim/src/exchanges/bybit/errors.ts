import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';

/** Bybit V5 envelope: `{ retCode, retMsg, result, retExtInfo, time }` (reference §1.4). */
export function bybitEnvelope(retCode: number, retMsg: string, result: unknown, now: number): unknown {
  return { retCode, retMsg, result, retExtInfo: {}, time: now };
}

const err = (status: number, retCode: number, retMsg: string, now: number): Reply => ({
  status,
  body: bybitEnvelope(retCode, retMsg, {}, now),
});

/**
 * Bybit's codes (reference §1.4): 10003 invalid key or key of another environment (HTTP 401), 10002 time
 * window, 10004 sign, 10005 permission, 10006 UID rate limit, 10010 unmatched IP, 33004 expired key;
 * the IP limit is an HTTP 403 "access too frequent". Other retCodes come with HTTP 200.
 */
export function bybitReject(reason: RejectReason, info: RejectInfo): Reply {
  const { now } = info;
  switch (reason) {
    case 'missing_auth':
    case 'bad_key':
    case 'wrong_environment':
    case 'wrong_region':
      return err(401, 10003, 'API key is invalid.', now);
    case 'bad_signature':
      return err(200, 10004, 'error sign! origin_string[redacted]', now);
    case 'timestamp':
      return err(
        200,
        10002,
        `invalid request, please check your server timestamp or recv_window param. ${info.detail ?? ''}`.trim(),
        now,
      );
    case 'permission':
      return err(200, 10005, 'Permission denied, please check your API key permissions.', now);
    case 'ip':
      return err(200, 10010, "Unmatched IP, please check your API key's bound IP addresses.", now);
    case 'key_expired':
      return err(200, 33004, 'Your api key has expired.', now);
    case 'rate_limit':
    case 'banned':
      if (info.rule?.scope === 'ip') return { status: 403, body: 'access too frequent' };
      return err(200, 10006, 'Too many visits. Exceeded the API Rate Limit.', now);
    case 'not_found':
      return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    default:
      return err(200, 10001, info.detail ?? 'params error', now);
  }
}

/** Maintenance: retCode 10016 "service is restarting" with HTTP 503 (our choice; not in the reference). */
export function bybitMaintenance(now: number): Reply {
  return err(503, 10016, 'Server error or service is restarting. Please try again later.', now);
}
