import { CtsError } from '../../errors/cts-error.ts';

/**
 * Reads an exchange amount (exchanges send decimals as strings to keep precision) as a number.
 * Missing fields read as 0; anything else that is not a finite number is a bad reply.
 */
export function amount(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n))
    throw new CtsError('exchange.bad_response', `The exchange sent a non-numeric ${field}: ${String(value)}`);
  return n;
}

/** The value as a plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Rounds away binary noise from sums of decimal amounts (12 significant decimals is beyond any exchange's precision). */
export function tidy(n: number): number {
  return Number(n.toFixed(12));
}

/**
 * Reads an amount leniently, for exchanges that send "" (or junk) where a figure does not apply in the
 * account's mode: missing, empty and non-numeric values all read as 0.
 */
export function lenientAmount(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}
