import type { ConnectionRecord } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { boardQuery, queryString } from './board-query.ts';
import { rankConnections } from './rank.ts';

function record(name: string, patch: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id: name,
    name,
    exchange: 'bybit',
    api_type: 'spot',
    margin_type: null,
    position_mode: null,
    is_testnet: false,
    environment: 'mainnet',
    key_type: 'hmac',
    api_key_masked: 'abcd…wxyz',
    state: 'active',
    is_enabled: true,
    is_active: true,
    last_test_at: 1,
    last_test_success: true,
    last_error: null,
    last_balance: null,
    last_balance_currency: null,
    created_at: 0,
    updated_at: 0,
    version: 1,
    ...patch,
  } as ConnectionRecord;
}

const q = (params: Record<string, string> = {}) => boardQuery((k) => params[k]);

describe('rankConnections', () => {
  it('puts error, then paused, then failing or risky keys first when sorting worst first', () => {
    const list = [
      record('a-ok'),
      record('b-off', { state: 'disabled' }),
      record('c-paused', { state: 'paused' }),
      record('d-error', { state: 'error' }),
      record('e-failed', { last_test_success: false }),
      record('f-withdraw', { key_audit: { flags: ['can_withdraw'] } } as Partial<ConnectionRecord>),
    ];
    const names = rankConnections(list, q()).map((c) => c.name);
    expect(names).toEqual(['d-error', 'c-paused', 'e-failed', 'f-withdraw', 'a-ok', 'b-off']);
  });

  it('ranks a connection whose last check failed above passing ones', () => {
    const names = rankConnections([record('a'), record('z', { last_test_success: false })], q()).map(
      (c) => c.name,
    );
    expect(names).toEqual(['z', 'a']);
  });

  it('searches name, exchange and masked key, and groups by exchange keeping the order inside', () => {
    const list = [record('Main', { exchange: 'okx' }), record('Spare'), record('Other', { state: 'error' })];
    expect(rankConnections(list, q({ q: 'MAI' })).map((c) => c.name)).toEqual(['Main']);
    expect(rankConnections(list, q({ q: 'okx' })).map((c) => c.name)).toEqual(['Main']);
    const grouped = rankConnections(list, q({ group: 'exchange' })).map((c) => c.name);
    expect(grouped).toEqual(['Other', 'Spare', 'Main']);
    expect(rankConnections(list, q({ sort: 'name' })).map((c) => c.name)).toEqual(['Main', 'Other', 'Spare']);
  });
});

describe('boardQuery', () => {
  it('ignores unknown values and writes back only what differs from the defaults', () => {
    const query = q({ exchange: 'nope', state: 'error', sort: 'bogus', page: '-3', q: '  x ' });
    expect(query).toEqual({ state: 'error', q: 'x', sort: 'worst', group: false, page: 1 });
    expect(queryString(query, { page: 2 })).toBe('?state=error&q=x&page=2');
    expect(queryString(q())).toBe('');
  });
});
