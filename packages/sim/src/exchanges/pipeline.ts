import { DEFAULT_REGION, type Environment, type ExchangeId } from '@cts/core/exchanges';
import { isExpired, type SimAccount } from '../accounts/account.ts';
import type { FaultPlan } from '../faults/fault-injector.ts';
import type { LimitOutcome, Usage } from '../limits/rules.ts';
import type { RejectReason } from '../stats.ts';
import type { SimDeps } from './deps.ts';
import type { Dialect, Identity, RejectInfo, Reply } from './dialect.ts';
import { clientIp, RESET_HEADER, type SimContext, toResponse } from './http.ts';

/** The outcome of verifying a request: no reason = accepted. */
export interface Verdict {
  reason?: RejectReason;
  detail?: string;
}

/** A signed (or token-authenticated) call: how to identify, verify and answer it. */
export interface PrivateCall {
  endpoint: string;
  /** Echoed in rejections (OrangeX: the JSON-RPC id). */
  meta?: unknown;
  identify(): Identity;
  /** Timestamp, signature, passphrase… in the exchange's order; `{}` when all pass. */
  verify(account: SimAccount, serverNow: number): Promise<Verdict> | Verdict;
  /** Whether the key's permissions allow this endpoint. */
  allowed(account: SimAccount): boolean;
  answer(account: SimAccount, serverNow: number): Reply | Promise<Reply>;
}

interface Prepared {
  ip: string;
  keyId: string;
  now: number;
  plan: FaultPlan;
}

async function prepare(
  deps: SimDeps,
  c: SimContext,
  dialect: Dialect,
  keyId: string,
): Promise<Prepared | Response> {
  const ip = clientIp(c, deps.trustProxy, deps.inProcessIp);
  deps.stats.request(dialect.exchange, keyId);
  const plan = deps.faults.plan(dialect.exchange, keyId, deps.clock.now());
  if (plan.latencyMs > 0) await deps.clock.sleep(plan.latencyMs, c.req.raw.signal).catch(() => {});
  const now = deps.clock.now() + plan.skewMs;
  const t = plan.terminal;
  if (!t) return { ip, keyId, now, plan };
  deps.stats.fault(dialect.exchange, keyId);
  if (t.kind === 'reset') return new Response(null, { status: 500, headers: { [RESET_HEADER]: '1' } });
  if (t.kind === 'maintenance') return toResponse(dialect.maintenance(now), {});
  if (t.kind === 'hang') {
    await deps.clock.sleep(t.ms, c.req.raw.signal).catch(() => {});
    return toResponse({ status: 504, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' }, {});
  }
  return toResponse(
    { status: t.status, body: `<html><body><h1>${t.status} Server Error</h1></body></html>` },
    {},
  );
}

function limitReject(
  deps: SimDeps,
  dialect: Dialect,
  p: Prepared,
  outcome: Extract<LimitOutcome, { ok: false }>,
  info: RejectInfo,
  headers: Record<string, string>,
): Response {
  const reason = outcome.banned ? 'banned' : 'rate_limit';
  deps.stats.rejected(dialect.exchange, p.keyId, reason);
  dialect.usageHeaders(outcome.usage, headers);
  headers['retry-after'] = String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)));
  const reply = dialect.reject(reason, { ...info, retryAfterMs: outcome.retryAfterMs, rule: outcome.rule });
  return toResponse(reply, headers, p.plan.malformed);
}

/** Runs a private call: faults, IP limits, key, environment, IP whitelist, verification, permission, UID limits. */
export async function runPrivate(
  deps: SimDeps,
  c: SimContext,
  dialect: Dialect,
  environment: Environment,
  call: PrivateCall,
): Promise<Response> {
  const identity = call.identify();
  const account = identity.account;
  const keyId = account?.id ?? (identity.presented ? 'unknown' : 'anonymous');
  const p = await prepare(deps, c, dialect, keyId);
  if (p instanceof Response) return p;
  const info: RejectInfo = { ip: p.ip, now: p.now, endpoint: call.endpoint, environment, meta: call.meta };
  const headers: Record<string, string> = {};
  const subject = { ip: p.ip, account: account?.id, endpoint: call.endpoint };
  const ipOutcome = deps.limiter.check(dialect.charges(call.endpoint, 'ip'), subject, p.now);
  if (!ipOutcome.ok) return limitReject(deps, dialect, p, ipOutcome, info, headers);
  const usage: Usage[] = ipOutcome.usage;
  const reject = (reason: RejectReason): Response => {
    deps.stats.rejected(dialect.exchange, keyId, reason);
    dialect.usageHeaders(usage, headers);
    return toResponse(dialect.reject(reason, info), headers, p.plan.malformed);
  };
  if (identity.failure) return reject(identity.failure);
  if (!identity.presented) return reject('missing_auth');
  if (!account) return reject('bad_key');
  if (account.region !== (dialect.region ?? DEFAULT_REGION)) return reject('wrong_region');
  if (account.environment !== environment) return reject('wrong_environment');
  if (isExpired(account, p.now)) return reject('key_expired');
  if (account.ipWhitelist.length > 0 && !account.ipWhitelist.includes(p.ip)) return reject('ip');
  const verdict = await call.verify(account, p.now);
  if (verdict.reason) {
    info.detail = verdict.detail;
    return reject(verdict.reason);
  }
  if (!call.allowed(account)) return reject('permission');
  const accountOutcome = deps.limiter.check(dialect.charges(call.endpoint, 'account'), subject, p.now);
  if (!accountOutcome.ok) {
    accountOutcome.usage.push(...usage);
    return limitReject(deps, dialect, p, accountOutcome, info, headers);
  }
  usage.push(...accountOutcome.usage);
  deps.stats.accepted(dialect.exchange, keyId);
  dialect.usageHeaders(usage, headers);
  return toResponse(await call.answer(account, p.now), headers, p.plan.malformed);
}

/** Runs a public call: faults and IP limits only. */
export async function runPublic(
  deps: SimDeps,
  c: SimContext,
  dialect: Dialect,
  environment: Environment,
  endpoint: string,
  answer: (serverNow: number) => Reply,
  meta?: unknown,
): Promise<Response> {
  const p = await prepare(deps, c, dialect, 'anonymous');
  if (p instanceof Response) return p;
  const headers: Record<string, string> = {};
  const outcome = deps.limiter.check(dialect.charges(endpoint, 'ip'), { ip: p.ip, endpoint }, p.now);
  const info: RejectInfo = { ip: p.ip, now: p.now, endpoint, environment, meta };
  if (!outcome.ok) return limitReject(deps, dialect, p, outcome, info, headers);
  deps.stats.accepted(dialect.exchange, 'anonymous');
  dialect.usageHeaders(outcome.usage, headers);
  return toResponse(answer(p.now), headers, p.plan.malformed);
}

/** Looks an API key up; absent or empty header = not presented. */
export function identifyByKey(deps: SimDeps, exchange: ExchangeId, apiKey: string | undefined): Identity {
  if (!apiKey) return { presented: false };
  const account = deps.accounts.byKey(apiKey);
  return { presented: true, account: account?.exchange === exchange ? account : undefined };
}
