import type { LimitFeedback } from './gate.ts';
import type { Plan, PlanEntry } from './plan.ts';
import type { PenaltyScope } from './rules/types.ts';
import type { ScopeFeedback } from './store.ts';

/** Binance bans for 2 minutes on the first 418; used when a 418 names no end. */
const DEFAULT_BAN_MS = 120_000;

function targets(plan: Plan, scope: PenaltyScope): PlanEntry[] {
  if (scope === 'all') return plan.entries;
  const hit = plan.entries.filter((e) => e.per === scope);
  return hit.length > 0 ? hit : plan.entries; // no bucket of that kind (e.g. seed rules only): pause them all
}

/**
 * Turns what the exchange said about one request into feedback per scope of its plan:
 * bans and 429s pause scopes, usage reports raise counts. Returns one entry per plan entry (undefined: none).
 */
export function scopeFeedback(
  plan: Plan,
  feedback: LimitFeedback,
  now: number,
): (ScopeFeedback | undefined)[] {
  const out: (ScopeFeedback | undefined)[] = plan.entries.map(() => undefined);
  const at = (i: number): ScopeFeedback => {
    const f = out[i] ?? {};
    out[i] = f;
    return f;
  };
  const block = (entry: PlanEntry, until: number) => {
    const f = at(plan.entries.indexOf(entry));
    if (f.blockUntil === undefined || until > f.blockUntil) f.blockUntil = until;
  };
  let banUntil = feedback.bannedUntil !== undefined && feedback.bannedUntil > now ? feedback.bannedUntil : 0;
  if (feedback.status === 418) banUntil = Math.max(banUntil, now + (feedback.retryAfterMs ?? DEFAULT_BAN_MS));
  if (banUntil > 0) for (const e of targets(plan, plan.banScope)) block(e, banUntil);
  if (feedback.rateLimited || feedback.status === 429) {
    const hit = targets(plan, plan.throttleScope);
    for (const e of hit) {
      // Without Retry-After, wait for the bucket's shortest window to pass.
      const pause = feedback.retryAfterMs ?? Math.min(...e.rule.windows.map((w) => w.windowMs));
      block(e, now + pause);
    }
  }
  for (const usage of feedback.usage ?? []) {
    for (let i = 0; i < plan.entries.length; i++) {
      const entry = plan.entries[i]!;
      if (entry.feedback !== usage.scope) continue;
      const window = entry.rule.windows.find((w) => w.windowMs === usage.windowMs);
      if (!window) continue;
      let used = usage.used ?? 0;
      if (usage.remaining !== undefined) {
        used = Math.max(used, window.limit - usage.remaining);
        if (usage.limit !== undefined) used = Math.max(used, usage.limit - usage.remaining);
      }
      used = Math.min(used, window.limit);
      const f = at(i);
      f.usage = [...(f.usage ?? []), { windowMs: usage.windowMs, used }];
      if (usage.remaining === 0 && usage.resetAt !== undefined && usage.resetAt > now)
        block(entry, usage.resetAt);
    }
  }
  return out;
}
