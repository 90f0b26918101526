import { describe, expect, it } from 'vitest';
import { connectionEditSchema, connectionFormSchema } from './connection-schema.ts';
import { fieldRules } from './field-rules.ts';
import { parseForm } from './parse-form.ts';

const valid = { name: 'Main', exchange: 'bybit', api_type: 'spot', api_key: 'k', api_secret: 's' };

describe('connection form', () => {
  it('accepts a valid form and turns checkboxes into booleans', () => {
    const r = parseForm(connectionFormSchema, { ...valid, is_testnet: 'on' }, ['is_testnet', 'enabled']);
    expect(r).toEqual({ ok: true, value: { ...valid, is_testnet: true, enabled: false } });
  });

  it('names each missing field with a message for people when the form is empty', () => {
    const r = parseForm(connectionFormSchema, { exchange: 'bybit', name: '  ' }, []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['name']).toBe('Give the connection a name');
    expect(r.errors['api_type']).toBe('Choose an API type');
    expect(r.errors['api_key']).toBe('The API key is required');
    expect(r.errors['api_secret']).toBe('The API secret is required');
  });

  it('follows the matrix, the passphrase rule, the futures-only fields and the testnet rule', () => {
    const errs = (form: Record<string, string>) => {
      const r = parseForm(connectionFormSchema, form, ['is_testnet']);
      return r.ok ? {} : r.errors;
    };
    // The API's rules (matrix, OKX passphrase, testnet) with the API's messages; then the form-only rules.
    expect(errs({ ...valid, exchange: 'binance', api_type: 'unified' })['api_type']).toMatch(
      /binance supports .*spot/,
    );
    expect(errs({ ...valid, exchange: 'okx' })['api_passphrase']).toBe('required for okx');
    expect(errs({ ...valid, api_passphrase: 'p' })['api_passphrase']).toMatch(/no passphrase/);
    expect(errs({ ...valid, margin_type: 'cross' })['margin_type']).toMatch(/perpetual futures only/);
    expect(errs({ ...valid, api_type: 'perpetual_futures', margin_type: 'cross' })).toEqual({});
    expect(errs({ ...valid, exchange: 'pionex', is_testnet: 'on' })['is_testnet']).toMatch(/no testnet/);
    expect(errs({ ...valid, exchange: 'okx', key_type: 'rsa', api_passphrase: 'p' })['key_type']).toMatch(
      /rsa/,
    );
  });

  it('uses the API schema: its limits, with the wording of a form', () => {
    const r = parseForm(connectionFormSchema, { ...valid, name: 'n'.repeat(101), exchange: 'kraken' }, []);
    expect(r.ok ? {} : r.errors).toEqual({ name: 'At most 100 characters', exchange: 'Choose an exchange' });
    // A secret the API would refuse is refused here too (the API allows 8192 characters).
    const long = parseForm(connectionFormSchema, { ...valid, api_secret: 's'.repeat(8193) }, []);
    expect(long.ok ? {} : long.errors).toEqual({ api_secret: 'At most 8192 characters' });
  });

  it('ignores the fields the form posts for itself (_csrf, editing, the fixed exchange when editing)', () => {
    const form = { _csrf: 't', editing: '1', exchange: 'bybit', name: 'x', version: '3' };
    expect(parseForm(connectionEditSchema, form, ['is_testnet'])).toEqual({
      ok: true,
      value: { name: 'x', version: 3, is_testnet: false },
    });
  });

  it('requires key and secret together when editing', () => {
    const r = parseForm(connectionEditSchema, { api_key: 'new' }, []);
    expect(r.ok ? {} : r.errors).toEqual({ api_secret: 'Replace the key and the secret together' });
    expect(parseForm(connectionEditSchema, { name: 'x', version: '3' }, []).ok).toBe(true);
    const stale = parseForm(connectionEditSchema, { name: 'x', version: 'abc' }, []);
    expect(stale.ok ? {} : stale.errors).toEqual({ version: 'Reload the page and try again' });
  });

  it('shows the passphrase for OKX only and the futures fields for perpetual futures only', () => {
    expect(fieldRules('okx', 'spot')).toMatchObject({ passphrase: true, futures: false });
    expect(fieldRules('bybit', 'perpetual_futures')).toMatchObject({ passphrase: false, futures: true });
    expect(fieldRules('pionex', undefined).apiTypes).not.toContain('margin');
    expect(fieldRules('binance', 'spot').keyTypes).toEqual(['hmac', 'rsa', 'ed25519']);
  });
});
