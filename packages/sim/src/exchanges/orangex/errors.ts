import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';
import { type RpcMeta, rpcError } from './rpc.ts';

/**
 * OrangeX JSON-RPC errors (reference §6.4, codes observed by third parties): 10000 Authentication Failure
 * for every credential problem, 2033 Access denied (scope), 1001 bad request, 1000 no such method.
 * Rate limits answer HTTP 429 with code 10028 (our choice; the reference names only the 429).
 */
export function orangexReject(reason: RejectReason, info: RejectInfo): Reply {
  const { now } = info;
  const id = (info.meta as RpcMeta | undefined)?.id ?? null;
  const auth = (why: string) => rpcError(200, 10000, `Authentication Failure: ${why}`, now, id);
  switch (reason) {
    case 'missing_auth':
      return auth('missing credentials');
    case 'bad_key':
    case 'wrong_environment':
      return auth('invalid client_id');
    case 'bad_signature':
      return auth(info.detail ?? 'invalid client_secret or signature');
    case 'bad_token':
      return auth(info.detail ?? 'invalid access token');
    case 'key_expired':
      return auth('api key expired');
    case 'timestamp':
      return auth('timestamp outside the allowed window');
    case 'ip':
      return auth(`IP ${info.ip} not allowed`);
    case 'permission':
      return rpcError(200, 2033, 'Access denied', now, id);
    case 'rate_limit':
    case 'banned':
      return rpcError(429, 10028, 'Too many requests', now, id);
    case 'not_found':
      return rpcError(200, 1000, 'No service found', now, id);
    default:
      return rpcError(200, 1001, info.detail ?? 'Bad requested', now, id);
  }
}

/** Maintenance: HTTP 503 with code 11 (our choice; not in the reference). */
export function orangexMaintenance(now: number): Reply {
  return rpcError(503, 11, 'System maintenance', now);
}
