import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/domain.ts';
import { validateConnection } from './validate-input.ts';

const base = {
  name: 'Main',
  exchange: 'okx',
  api_type: 'spot',
  api_key: 'k',
  api_secret: 's',
  api_passphrase: 'p',
};

function refusal(input: Record<string, unknown>): ValidationError {
  try {
    validateConnection({ ...base, ...input } as Parameters<typeof validateConnection>[0]);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('validateConnection', () => {
  it('refuses a control character in any credential, naming the field and never quoting the value', () => {
    for (const [field, value] of [
      ['api_key', 'KEY\nSECRETVALUE'],
      ['api_key', 'KEY\u0000SECRETVALUE'],
      ['api_secret', 'S\rSECRETVALUE'],
      ['api_passphrase', 'P\u007fSECRETVALUE'],
      ['api_passphrase', 'P\nSECRETVALUE'],
    ] as const) {
      const err = refusal({ [field]: value });
      expect(err).toMatchObject({ field, rule: 'must not contain control characters' });
      expect(err.message).not.toContain('SECRETVALUE');
    }
  });

  it('accepts line breaks in a PEM secret (rsa, ed25519) but not in an HMAC secret', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    const v = validateConnection({
      ...base,
      exchange: 'binance',
      api_passphrase: undefined,
      key_type: 'ed25519',
      api_secret: pem,
    });
    expect(v.secrets.apiSecret).toBe(pem);
    expect(refusal({ exchange: 'binance', api_passphrase: undefined, api_secret: 'a\nb' }).field).toBe(
      'api_secret',
    );
    expect(
      refusal({ exchange: 'binance', api_passphrase: undefined, key_type: 'rsa', api_secret: 'a\u0000b' })
        .field,
    ).toBe('api_secret');
  });

  it('trims surrounding whitespace (a pasted trailing newline) from key and secret', () => {
    const v = validateConnection({ ...base, api_key: ' key\n', api_secret: 'secret\r\n' });
    expect(v.secrets).toMatchObject({ apiKey: 'key', apiSecret: 'secret' });
  });
});
