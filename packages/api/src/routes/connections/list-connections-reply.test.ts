import type { ConnectionRecord } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { etagMatches, type ListFilters, listEtag, listReply } from './list-connections-reply.ts';

const parse = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body));

const FILTERS: ListFilters = { exchange: null, apiType: null, enabled: null, active: null };
const rec = (id: string, version: number) => ({ id, version, name: id }) as unknown as ConnectionRecord;

describe('listEtag', () => {
  it('changes when a version, an id, the order, the count or the filters change', () => {
    const base = listEtag([rec('a', 1), rec('b', 1)], 'f');
    expect(listEtag([rec('a', 1), rec('b', 1)], 'f')).toBe(base);
    for (const other of [
      listEtag([rec('a', 2), rec('b', 1)], 'f'),
      listEtag([rec('a', 1), rec('c', 1)], 'f'),
      listEtag([rec('b', 1), rec('a', 1)], 'f'),
      listEtag([rec('a', 1)], 'f'),
      listEtag([rec('a', 1), rec('b', 1)], 'g'),
      listEtag([rec('a', 11)], 'f'),
      listEtag([rec('a1', 1)], 'f'),
    ])
      expect(other).not.toBe(base);
  });
});

describe('etagMatches', () => {
  const etag = 'W/"2-abc"';
  it('compares weakly, in lists and with *', () => {
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches('"2-abc"', etag)).toBe(true);
    expect(etagMatches('W/"1-x", W/"2-abc"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });
  it('is false for no header or another tag', () => {
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches('', etag)).toBe(false);
    expect(etagMatches('W/"2-abd"', etag)).toBe(false);
  });
});

describe('listReply', () => {
  it('serialises the reply and reuses it for the same frozen array and filters only', () => {
    const frozen = Object.freeze([rec('a', 1)]);
    const first = listReply(frozen, FILTERS);
    expect(parse(first.body())).toEqual({
      success: true,
      count: 1,
      filters: FILTERS,
      next_cursor: null,
      connections: [rec('a', 1)],
    });
    expect(listReply(frozen, FILTERS)).toBe(first);
    expect(first.body()).toBe(first.body()); // serialised once
    const okx = listReply(frozen, { ...FILTERS, exchange: 'okx' });
    expect(okx).not.toBe(first);
    expect(parse(okx.body()).filters.exchange).toBe('okx');
  });
  it('serialises a mutable array on every call', () => {
    const list = [rec('a', 1)];
    const first = listReply(list, FILTERS);
    list[0] = rec('a', 2);
    const second = listReply(list, FILTERS);
    expect(second.etag).not.toBe(first.etag);
    expect(parse(second.body()).connections[0].version).toBe(2);
  });
});
