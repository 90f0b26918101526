import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation.ts';
import { batchTestBodySchema } from './batch.ts';
import { createConnectionSchema, updateConnectionSchema } from './connection-input.ts';

const base = { name: 'n', exchange: 'bybit', api_type: 'spot', api_key: 'k', api_secret: 's' };

function firstIssue(schema: typeof createConnectionSchema | typeof batchTestBodySchema, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return issuesOf(result.error, 'json')[0];
}

describe('createConnectionSchema', () => {
  it('accepts the seed example body', () => {
    expect(
      createConnectionSchema.safeParse({ ...base, margin_type: 'cross', position_mode: 'hedge' }).success,
    ).toBe(true);
  });

  it('names api_type when the combination is outside the matrix', () => {
    const issue = firstIssue(createConnectionSchema, { ...base, exchange: 'bingx', api_type: 'margin' });
    expect(issue?.field).toBe('api_type');
    expect(issue?.rule).toContain('bingx supports');
  });

  it('requires a passphrase for OKX', () => {
    expect(firstIssue(createConnectionSchema, { ...base, exchange: 'okx' })).toEqual({
      field: 'api_passphrase',
      rule: 'required for okx',
    });
  });

  it('names unknown exchanges, wrong types and unknown fields', () => {
    expect(firstIssue(createConnectionSchema, { ...base, exchange: 'kraken' })?.field).toBe('exchange');
    expect(firstIssue(createConnectionSchema, { ...base, is_testnet: 'yes' })?.field).toBe('is_testnet');
    expect(firstIssue(createConnectionSchema, { ...base, state: 'active' })?.field).toBe('state');
  });

  it('refuses testnet on an exchange without one', () => {
    expect(firstIssue(createConnectionSchema, { ...base, exchange: 'pionex', is_testnet: true })?.field).toBe(
      'is_testnet',
    );
  });
});

describe('updateConnectionSchema', () => {
  it('refuses an empty change', () => {
    expect(updateConnectionSchema.safeParse({ version: 2 }).success).toBe(false);
    expect(updateConnectionSchema.safeParse({ name: 'x', version: 2 }).success).toBe(true);
  });
});

describe('batchTestBodySchema', () => {
  it('refuses more than 50 ids, naming connectionIds', () => {
    const ids = Array.from({ length: 51 }, (_, i) => `id-${i}`);
    expect(firstIssue(batchTestBodySchema, { connectionIds: ids })).toEqual({
      field: 'connectionIds',
      rule: 'at most 50 ids per batch',
    });
  });
});
