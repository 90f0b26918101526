import type { LimitCharge, LimitOutcome, LimitRule, LimitSubject, Usage } from './rules.ts';
import { SlidingWindow } from './sliding-window.ts';

interface BanState {
  until: number;
  strikes: number;
  bans: number;
}

/**
 * Counts requests under exact sliding windows and applies ban policies. A request is accepted only when
 * every charge fits; then all of them are recorded (a rejected request is not counted).
 */
export class RateLimiter {
  #windows = new Map<string, SlidingWindow>();
  #bans = new Map<string, BanState>();
  #checks = 0;

  #scopeKey(rule: LimitRule, subject: LimitSubject): string | undefined {
    const id = rule.scope === 'ip' ? subject.ip : subject.account;
    if (id === undefined) return undefined;
    return rule.perEndpoint ? `${rule.name}|${id}|${subject.endpoint}` : `${rule.name}|${id}`;
  }

  #window(key: string, rule: LimitRule): SlidingWindow {
    let w = this.#windows.get(key);
    if (!w) {
      w = new SlidingWindow(rule.windowMs);
      this.#windows.set(key, w);
    }
    return w;
  }

  #banKey(rule: LimitRule, subject: LimitSubject): string {
    return `${rule.name}|${rule.scope === 'ip' ? subject.ip : subject.account}`;
  }

  check(charges: readonly LimitCharge[], subject: LimitSubject, now: number): LimitOutcome {
    if (++this.#checks % 50_000 === 0) this.#sweep(now);
    const active: { charge: LimitCharge; window: SlidingWindow }[] = [];
    for (const charge of charges) {
      const key = this.#scopeKey(charge.rule, subject);
      if (key === undefined) continue;
      active.push({ charge, window: this.#window(key, charge.rule) });
    }
    for (const { charge } of active) {
      const policy = charge.rule.ban;
      if (!policy) continue;
      const ban = this.#bans.get(this.#banKey(charge.rule, subject));
      if (ban && ban.until > now) {
        if (policy.type === 'extend') ban.until += policy.extendMs;
        return { ok: false, banned: true, rule: charge.rule, retryAfterMs: ban.until - now, usage: [] };
      }
    }
    for (const { charge, window } of active) {
      const wait = window.waitFor(now, charge.weight, charge.rule.limit);
      if (wait > 0) return this.#violation(charge.rule, subject, now, wait, active);
    }
    const usage: Usage[] = [];
    for (const { charge, window } of active) {
      window.add(now, charge.weight);
      const used = window.used(now);
      usage.push({
        rule: charge.rule,
        used,
        remaining: Math.max(0, charge.rule.limit - used),
        resetAt: window.resetAt(now),
      });
      const ban = charge.rule.ban && this.#bans.get(this.#banKey(charge.rule, subject));
      if (ban) ban.strikes = 0;
    }
    return { ok: true, usage };
  }

  #violation(
    rule: LimitRule,
    subject: LimitSubject,
    now: number,
    wait: number,
    active: { charge: LimitCharge; window: SlidingWindow }[],
  ): LimitOutcome {
    const usage = active.map(({ charge, window }) => {
      const used = window.used(now);
      return {
        rule: charge.rule,
        used,
        remaining: Math.max(0, charge.rule.limit - used),
        resetAt: window.resetAt(now),
      };
    });
    const policy = rule.ban;
    if (!policy) return { ok: false, banned: false, rule, retryAfterMs: wait, usage };
    const key = this.#banKey(rule, subject);
    let ban = this.#bans.get(key);
    if (!ban) {
      ban = { until: 0, strikes: 0, bans: 0 };
      this.#bans.set(key, ban);
    }
    if (policy.type === 'escalate') {
      ban.strikes++;
      if (ban.strikes < policy.strikes) return { ok: false, banned: false, rule, retryAfterMs: wait, usage };
      ban.strikes = 0;
      ban.until = now + Math.min(policy.maxMs, policy.baseMs * 2 ** ban.bans);
      ban.bans++;
      return { ok: false, banned: true, rule, retryAfterMs: ban.until - now, usage };
    }
    ban.until = now + policy.ms;
    return { ok: false, banned: false, rule, retryAfterMs: policy.ms, usage };
  }

  /** Forgets windows that are empty, so thousands of idle accounts cost nothing. */
  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (w.isEmpty(now)) this.#windows.delete(key);
  }

  reset(): void {
    this.#windows.clear();
    this.#bans.clear();
  }
}
