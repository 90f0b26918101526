import type { ExchangeId } from '@cts/core/exchanges';
import { seededRandom } from '@cts/testkit/seeded-random';
import type { FaultRule } from './fault-rules.ts';
import { normal } from './prng.ts';

/** A fault that replaces the normal answer. */
export type TerminalFault =
  | { kind: 'error'; status: number }
  | { kind: 'hang'; ms: number }
  | { kind: 'reset' }
  | { kind: 'maintenance' };

/** What the faults decided for one request. */
export interface FaultPlan {
  latencyMs: number;
  skewMs: number;
  terminal?: TerminalFault;
  malformed: boolean;
}

const NONE: FaultPlan = Object.freeze({ latencyMs: 0, skewMs: 0, malformed: false });

interface ActiveRule {
  rule: FaultRule;
  random: () => number;
  left: number;
}

/** Decides per request which faults fire. Each rule draws from its own PRNG (seed + index). */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  set(rules: readonly FaultRule[], seed: number): void {
    this.#rules = rules.map((rule, i) => ({
      rule,
      random: seededRandom(seed + i * 0x9e3779b1),
      left: rule.count ?? Number.POSITIVE_INFINITY,
    }));
  }

  get rules(): FaultRule[] {
    return this.#rules.map((r) => r.rule);
  }

  /**
   * The maintenance windows announced for `exchange` (what its status endpoint reports): maintenance rules for it
   * or for every exchange, not per key, not spent, not over at `now`. `fromMs` / `untilMs` undefined = open-ended.
   */
  windows(exchange: ExchangeId, now: number): Array<{ fromMs?: number; untilMs?: number }> {
    const out: Array<{ fromMs?: number; untilMs?: number }> = [];
    for (const { rule, left } of this.#rules) {
      if (rule.kind !== 'maintenance' || left <= 0 || rule.keyId !== undefined) continue;
      if (rule.exchange !== undefined && rule.exchange !== exchange) continue;
      if (rule.untilMs !== undefined && now >= rule.untilMs) continue;
      out.push({ fromMs: rule.fromMs, untilMs: rule.untilMs });
    }
    return out;
  }

  clear(): void {
    this.#rules = [];
  }

  plan(exchange: ExchangeId, keyId: string | undefined, now: number): FaultPlan {
    if (this.#rules.length === 0) return NONE;
    let plan: FaultPlan | undefined;
    for (const active of this.#rules) {
      const { rule } = active;
      if (active.left <= 0) continue;
      if (rule.exchange !== undefined && rule.exchange !== exchange) continue;
      if (rule.keyId !== undefined && rule.keyId !== keyId) continue;
      if (rule.kind === 'maintenance') {
        if (rule.fromMs !== undefined && now < rule.fromMs) continue;
        if (rule.untilMs !== undefined && now >= rule.untilMs) continue;
      }
      if (plan?.terminal && rule.kind !== 'latency' && rule.kind !== 'skew') continue;
      if (rule.rate < 1 && active.random() >= rule.rate) continue;
      active.left--;
      plan ??= { latencyMs: 0, skewMs: 0, malformed: false };
      switch (rule.kind) {
        case 'latency':
          plan.latencyMs += Math.min(rule.capMs, sampleLatency(rule.latency, active.random));
          break;
        case 'skew':
          plan.skewMs += rule.ms;
          break;
        case 'malformed':
          plan.malformed = true;
          break;
        case 'error':
          plan.terminal = { kind: 'error', status: rule.status };
          break;
        case 'hang':
          plan.terminal = { kind: 'hang', ms: rule.ms };
          break;
        default:
          plan.terminal = { kind: rule.kind };
      }
    }
    return plan ?? NONE;
  }
}

function sampleLatency(
  latency: Extract<FaultRule, { kind: 'latency' }>['latency'],
  random: () => number,
): number {
  switch (latency.type) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return latency.minMs + random() * Math.max(0, latency.maxMs - latency.minMs);
    case 'lognormal':
      return latency.medianMs * Math.exp(latency.sigma * normal(random));
    case 'pareto':
      return latency.scaleMs / Math.max(random(), Number.EPSILON) ** (1 / latency.alpha);
  }
}
