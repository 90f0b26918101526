import type { z } from 'zod';

/** Fields a person must fill in, and what to tell them when they did not. */
const REQUIRED: Record<string, string> = {
  name: 'Give the connection a name',
  api_key: 'The API key is required',
  api_secret: 'The API secret is required',
  api_passphrase: 'Enter the passphrase',
};

/** Choices, and what to tell a person who made none (or posted a value that is not offered). */
const CHOOSE: Record<string, string> = {
  exchange: 'Choose an exchange',
  api_type: 'Choose an API type',
  key_type: 'Choose a key type',
  margin_type: 'Choose cross or isolated',
  position_mode: 'Choose hedge or one-way',
};

/**
 * The message a person sees for one issue of the API's schemas. Only wording changes here, never a rule: the
 * API's messages are written for API clients ("must not be empty"); a form field says what to do.
 */
export function formMessage(issue: z.core.$ZodIssue): string {
  const field = String(issue.path[0] ?? '');
  if (CHOOSE[field] && (issue.code === 'invalid_value' || issue.code === 'invalid_type'))
    return CHOOSE[field];
  if (REQUIRED[field] && (issue.code === 'invalid_type' || issue.code === 'too_small'))
    return REQUIRED[field];
  if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${issue.maximum} characters`;
  if (issue.code === 'invalid_type' && field === 'version') return 'Reload the page and try again';
  return issue.message;
}
