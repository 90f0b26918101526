import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';

const err = (status: number, code: string, message: string, now: number): Reply => ({
  status,
  body: { result: false, code, message, timestamp: now },
});

/**
 * Pionex's string codes (reference §5.4), HTTP 401 for authentication failures and 400 for a bad timestamp.
 * The rate-limit code TOO_MANY_REQUESTS is our label: the reference documents only the HTTP 429.
 */
export function pionexReject(reason: RejectReason, info: RejectInfo): Reply {
  const { now } = info;
  switch (reason) {
    case 'missing_auth':
      return err(401, 'APIKEY_LOST', 'Authentication failed: PIONEX-KEY is missing', now);
    case 'bad_key':
    case 'wrong_environment':
      return err(401, 'INVALID_APIKEY', 'Authentication failed: invalid api key', now);
    case 'key_expired':
      return err(401, 'APIKEY_EXPIRED', 'Authentication failed: api key expired', now);
    case 'bad_signature':
      return info.detail === 'lost'
        ? err(401, 'SIGNATURE_LOST', 'Authentication failed: PIONEX-SIGNATURE is missing', now)
        : err(401, 'INVALID_SIGNATURE', 'Authentication failed: invalid signature', now);
    case 'timestamp':
      return err(
        400,
        'INVALID_TIMESTAMP',
        'Invalid timestamp: must be within 20 seconds of server time',
        now,
      );
    case 'ip':
      return err(401, 'IP_NOT_WHITELISTED', `IP ${info.ip} is not whitelisted`, now);
    case 'permission':
      return err(401, 'PERMISSION_DENIED', 'Permission denied: enable reading for this key', now);
    case 'rate_limit':
    case 'banned':
      return err(429, 'TOO_MANY_REQUESTS', 'Too many requests', now);
    case 'not_found':
      return err(404, 'NOT_FOUND', 'Not found', now);
    default:
      return err(400, 'INVALID_PARAMETER', info.detail ?? 'Invalid parameter', now);
  }
}

/** Maintenance: HTTP 503 (our choice; not in the reference). */
export function pionexMaintenance(now: number): Reply {
  return err(503, 'SERVICE_UNAVAILABLE', 'System maintenance, please try again later', now);
}
