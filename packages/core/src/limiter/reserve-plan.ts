import type { Plan } from './plan.ts';
import { isPromise, type LimiterStore, type MaybePromise } from './store.ts';

/** A plan the store refused: the scope that refused and when it may fit (null: when a slot is released). */
export interface Refusal {
  retryAt: number | null;
  key: string;
}

/**
 * Reserves in every scope of the plan, or in none: a refusal cancels the reservations already made. Synchronous
 * with a synchronous store; returns the reservation ids (one per plan entry) or the refusal.
 */
export function reservePlan(
  store: LimiterStore,
  plan: Plan,
  now: number,
  onRefused: (key: string) => void,
  from = 0,
  ids: number[] = [],
): MaybePromise<number[] | Refusal> {
  const { entries } = plan;
  for (let i = from; i < entries.length; i++) {
    const e = entries[i]!;
    const r = store.reserve(e.key, e.rule, e.cost, now);
    if (isPromise(r))
      return r.then((res) => {
        if (!res.ok) return refuse(store, plan, ids, e.key, res.retryAt, onRefused);
        ids.push(res.id);
        return reservePlan(store, plan, now, onRefused, i + 1, ids);
      });
    if (!r.ok) return refuse(store, plan, ids, e.key, r.retryAt, onRefused);
    ids.push(r.id);
  }
  return ids;
}

function refuse(
  store: LimiterStore,
  plan: Plan,
  ids: number[],
  key: string,
  retryAt: number | null,
  onRefused: (key: string) => void,
): MaybePromise<Refusal> {
  onRefused(key);
  const refusal: Refusal = { retryAt, key };
  if (ids.length === 0) return refusal;
  const pending = cancelPlan(store, plan, ids);
  return pending ? pending.then(() => refusal) : refusal;
}

/** Undoes the reservations `ids` (one per leading plan entry); a promise when the store answers asynchronously. */
export function cancelPlan(
  store: LimiterStore,
  plan: Plan,
  ids: readonly number[],
): Promise<unknown> | undefined {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < ids.length; i++) {
    const r = store.cancel(plan.entries[i]!.key, ids[i]!);
    if (isPromise(r)) pending.push(r);
  }
  return pending.length > 0 ? Promise.all(pending) : undefined;
}
