import type { ExchangeId } from '@cts/core/exchanges';
import type { LimitCharge } from '../limits/rules.ts';
import { type LimitProfile, seedCharges } from '../limits/seed-profile.ts';

const NONE: readonly LimitCharge[] = Object.freeze([]);

/**
 * Picks the charges for a request: the seed table (per IP for public endpoints, per account for signed
 * ones) or the exchange's published rules.
 */
export function chargesFor(
  profile: LimitProfile,
  exchange: ExchangeId,
  isPublic: boolean,
  scope: 'ip' | 'account',
  published: () => readonly LimitCharge[],
): readonly LimitCharge[] {
  if (profile === 'seed') {
    if (isPublic) return scope === 'ip' ? seedCharges(exchange, 'ip') : NONE;
    return scope === 'account' ? seedCharges(exchange, 'account') : NONE;
  }
  return published();
}

/** Constant-time-ish string comparison (length leak only), for signatures. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Parses an integer timestamp; NaN when it is not all digits. */
export function parseMs(value: string | undefined | null): number {
  if (!value || !/^\d{1,17}$/.test(value)) return Number.NaN;
  return Number(value);
}
