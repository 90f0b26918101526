import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/domain.ts';
import { validatePlacement } from './validate-placement.ts';

const refusal = (run: () => unknown): { field: string; rule: string } => {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return { field: err.field, rule: err.rule };
    throw err;
  }
  throw new Error('expected a ValidationError');
};

describe('validatePlacement', () => {
  it('maps is_testnet to the exchange test environment, as the seed has it', () => {
    expect(validatePlacement('bybit', 'unified', { is_testnet: true })).toEqual({
      is_testnet: true,
      environment: 'testnet',
      region: 'global',
    });
    expect(validatePlacement('okx', 'spot', { is_testnet: true }).environment).toBe('demo');
    expect(validatePlacement('binance', 'spot', {})).toEqual({
      is_testnet: false,
      environment: 'mainnet',
      region: null,
    });
  });

  it('takes an environment and derives is_testnet from it', () => {
    expect(validatePlacement('binance', 'spot', { environment: 'demo' })).toEqual({
      is_testnet: true,
      environment: 'demo',
      region: null,
    });
    expect(validatePlacement('bybit', 'unified', { environment: 'demo', is_testnet: true }).environment).toBe(
      'demo',
    );
  });

  it('refuses an environment the exchange lacks, naming the field and the choices', () => {
    expect(refusal(() => validatePlacement('pionex', 'spot', { environment: 'demo' }))).toEqual({
      field: 'environment',
      rule: 'pionex has mainnet',
    });
    expect(refusal(() => validatePlacement('okx', 'spot', { environment: 'testnet' }))).toEqual({
      field: 'environment',
      rule: 'okx has mainnet, demo',
    });
    expect(refusal(() => validatePlacement('bybit', 'spot', { environment: 'prod' })).field).toBe(
      'environment',
    );
  });

  it('refuses is_testnet that contradicts the environment', () => {
    expect(
      refusal(() => validatePlacement('bybit', 'spot', { environment: 'mainnet', is_testnet: true })).field,
    ).toBe('is_testnet');
  });

  it('takes a region where the exchange has several and refuses one it lacks, naming the choices', () => {
    expect(validatePlacement('okx', 'spot', { region: 'eea' }).region).toBe('eea');
    expect(validatePlacement('okx', 'spot', { environment: 'demo', region: 'us' }).region).toBe('us');
    expect(refusal(() => validatePlacement('okx', 'spot', { region: 'eu' }))).toEqual({
      field: 'region',
      rule: 'okx mainnet has global, eea, us',
    });
    expect(refusal(() => validatePlacement('bybit', 'spot', { environment: 'demo', region: 'eu' }))).toEqual({
      field: 'region',
      rule: 'bybit demo has global',
    });
  });

  it('refuses a region on an exchange that has none', () => {
    expect(refusal(() => validatePlacement('binance', 'spot', { region: 'eea' }))).toEqual({
      field: 'region',
      rule: 'binance has no regions: leave region out',
    });
  });

  it('refuses websocket in a region without a known private stream host', () => {
    expect(refusal(() => validatePlacement('bybit', 'websocket', { region: 'eu' }))).toEqual({
      field: 'region',
      rule: 'bybit eu has no known private stream host: websocket needs region global',
    });
    expect(validatePlacement('okx', 'websocket', { region: 'us' }).region).toBe('us');
  });
});
