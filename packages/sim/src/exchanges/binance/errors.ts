import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';

const err = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg } });

/**
 * Binance's codes (reference §2.4): -2014 key format, -2015 key/IP/permission (also a key of another
 * environment), -1021 timestamp, -1022 signature, -1003 too many requests (429) or banned (418).
 * `bad_request` details arrive as "<code>:<msg>".
 */
export function binanceReject(reason: RejectReason, info: RejectInfo): Reply {
  switch (reason) {
    case 'missing_auth':
      return err(401, -2014, 'API-key format invalid.');
    case 'bad_key':
    case 'wrong_environment':
    case 'ip':
    case 'permission':
    case 'key_expired':
      return err(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    case 'bad_signature':
      return err(400, -1022, 'Signature for this request is not valid.');
    case 'timestamp':
      return err(400, -1021, info.detail ?? 'Timestamp for this request is outside of the recvWindow.');
    case 'rate_limit':
      return err(
        429,
        -1003,
        `Too many requests; current limit of IP(${info.ip}) is ${info.rule?.limit ?? 0} requests per minute. Please use the websocket for live updates to avoid polling the API.`,
      );
    case 'banned':
      return err(
        418,
        -1003,
        `Way too many requests; IP(${info.ip}) banned until ${info.now + (info.retryAfterMs ?? 0)}. Please use the websocket for live updates to avoid bans.`,
      );
    case 'not_found':
      return { status: 404, body: '<html><body><h2>404 Not found</h2></body></html>' };
    default: {
      const [code, ...msg] = (info.detail ?? '-1100:Illegal characters found in a parameter.').split(':');
      return err(400, Number(code), msg.join(':'));
    }
  }
}

/** Maintenance: HTTP 503 with -1001 "Internal error" (our choice; the reference has no maintenance reply). */
export function binanceMaintenance(): Reply {
  return err(503, -1001, 'Internal error; unable to process your request. Please try again.');
}
