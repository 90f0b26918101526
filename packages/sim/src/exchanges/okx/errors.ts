import type { RejectReason } from '../../stats.ts';
import type { RejectInfo, Reply } from '../dialect.ts';

const err = (status: number, code: string, msg: string): Reply => ({ status, body: { code, msg, data: [] } });

/**
 * OKX's API-class codes and statuses (reference §3.4). `missing_auth` and `timestamp` details arrive as
 * "<code>:<msg>" so the missing/invalid header is named exactly.
 */
export function okxReject(reason: RejectReason, info: RejectInfo): Reply {
  const detailed = (fallback: string): Reply => {
    const [code, ...msg] = (info.detail ?? fallback).split(':');
    return err(401, code!, msg.join(':'));
  };
  switch (reason) {
    case 'missing_auth':
      return detailed('50103:Request header OK-ACCESS-KEY cannot be empty.');
    case 'bad_key':
    case 'key_expired':
      return err(401, '50111', 'Invalid OK-ACCESS-KEY.');
    case 'wrong_region':
      // A key of another OKX entity (EEA, US, global) does not exist on this one's host (reference 2026 §6).
      return err(401, '50119', "API key doesn't exist");
    case 'wrong_environment':
      return err(401, '50101', 'APIKey does not match current environment.');
    case 'timestamp':
      return detailed('50102:Timestamp request expired.');
    case 'bad_passphrase':
      return err(401, '50105', 'Request header OK-ACCESS-PASSPHRASE incorrect.');
    case 'bad_signature':
      return err(401, '50113', 'Invalid Sign.');
    case 'ip':
      return err(401, '50110', `Your IP ${info.ip} is not included in your API key's IP whitelist.`);
    case 'permission':
      return err(200, '50120', "API key doesn't have permission.");
    case 'rate_limit':
    case 'banned':
      return err(429, '50011', 'Too Many Requests');
    case 'not_found':
      return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    default:
      return err(400, '51000', info.detail ?? 'Parameter error');
  }
}

/** Maintenance: 50001 "Service temporarily unavailable" with HTTP 503 (our choice; not in the reference). */
export function okxMaintenance(): Reply {
  return err(503, '50001', 'Service temporarily unavailable. Please try again later.');
}
