import { describe, expect, it } from 'vitest';
import { hintForForm } from './hint-labels.ts';

describe('hintForForm', () => {
  it("names the form's labels instead of the API's field names", () => {
    expect(hintForForm('check is_testnet, or the api_secret (and key_type)')).toBe(
      'check “Environment”, or the “API secret” (and “Key type”)',
    );
    expect(hintForForm('This looks like a demo-trading key: set environment demo.')).toBe(
      'This looks like a demo-trading key: set “Environment” to demo.',
    );
    expect(hintForForm('This key belongs to OKX EEA: set region eea.')).toBe(
      'This key belongs to OKX EEA: set “Region” to eea.',
    );
    expect(hintForForm('A key of another OKX entity fails here too: set region (eea, us).')).toBe(
      'A key of another OKX entity fails here too: set “Region” (eea, us).',
    );
    expect(hintForForm('Wait a minute and try again.')).toBe('Wait a minute and try again.');
  });
});
