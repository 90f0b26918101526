import type { z } from 'zod';
import { formMessage } from './form-messages.ts';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export type ParsedForm<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const CHECKBOXES = new Set(['is_testnet', 'enabled']);
const NUMBERS = new Set(['version']);

/**
 * Turns posted form fields into the schema's input: only the schema's own fields (the form also posts `_csrf`,
 * `editing` and, when editing, the fixed exchange), strings trimmed, empty fields dropped, numbers parsed,
 * checkboxes to booleans; then parses with `schema`, keeping the first message per field (see formMessage).
 */
export function parseForm<T>(
  schema: z.ZodObject & z.ZodType<T>,
  form: FormValues,
  checkboxes: readonly string[],
): ParsedForm<T> {
  const fields = new Set(Object.keys(schema.shape));
  const input: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(form)) {
    if (!fields.has(key) || CHECKBOXES.has(key)) continue;
    const value = key === 'api_secret' || key === 'api_passphrase' ? raw : raw.trim();
    if (value === '') continue;
    input[key] = NUMBERS.has(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  for (const key of checkboxes) input[key] = form[key] === 'on' || form[key] === 'true';
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= formMessage(issue);
  }
  return { ok: false, errors };
}

/** The string fields of a parsed multipart/urlencoded body (files ignored, repeated fields: the last). */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}
