import { describe, expect, it } from 'vitest';
import { hintForForm } from './hint-labels.ts';

describe('hintForForm', () => {
  it("names the form's labels instead of the API's field names", () => {
    expect(hintForForm('check is_testnet, or the api_secret (and key_type)')).toBe(
      'check “Testnet / demo account”, or the “API secret” (and “Key type”)',
    );
    expect(hintForForm('Wait a minute and try again.')).toBe('Wait a minute and try again.');
  });
});
