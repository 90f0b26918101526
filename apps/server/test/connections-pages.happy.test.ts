/** GET /api/settings/connections in keyset pages (`limit`, `cursor`, `next_cursor`), with and without the cache. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Json, startHarness } from './harness.ts';

describe.each([true, false])(
  'GET /api/settings/connections pages (connection cache %s)',
  (connectionCache) => {
    let h: Harness;
    const created: string[] = [];
    beforeAll(async () => {
      h = await startHarness({ config: { connectionCache } });
      for (let i = 0; i < 7; i++) {
        const body = await h.account(i % 2 ? 'okx' : 'bybit', { name: `page ${i}` });
        const r = await h.create({ ...body, enabled: false });
        created.push(r.json.connection.id);
      }
    });
    afterAll(() => h.close());

    const list = async (query: string) => {
      const r = await h.request('GET', `/api/settings/connections${query}`);
      expect(r.status, r.text).toBe(200);
      return r.json as Json;
    };

    it('walks every connection in creation order, page by page, and ends with next_cursor null', async () => {
      const seen: string[] = [];
      let page = await list('?limit=3');
      const sizes = [page.count];
      seen.push(...page.connections.map((c: Json) => c.id));
      while (page.next_cursor) {
        page = await list(`?limit=3&cursor=${page.next_cursor}`);
        sizes.push(page.count);
        seen.push(...page.connections.map((c: Json) => c.id));
      }
      expect(sizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(created);
      const all = await list('');
      expect(all.connections.map((c: Json) => c.id)).toEqual(created);
      expect(all.next_cursor).toBeNull();
    });

    it('pages within the filters, and a cursor stays valid when earlier records are deleted', async () => {
      const first = await list('?exchange=okx&limit=2');
      expect(first.connections.map((c: Json) => c.id)).toEqual([created[1], created[3]]);
      const extra = await h.create({ ...(await h.account('okx', { name: 'late' })), enabled: false });
      expect((await h.request('DELETE', `/api/settings/connections/${created[1]}`)).status).toBe(200);
      const second = await list(`?exchange=okx&limit=2&cursor=${first.next_cursor}`);
      expect(second.connections.map((c: Json) => c.id)).toEqual([created[5], extra.json.connection.id]);
      expect(second.next_cursor).toBeNull();
    });

    it('answers 400 naming limit or cursor for a bad page request', async () => {
      for (const [query, field] of [
        ['?limit=0', 'limit'],
        ['?limit=1001', 'limit'],
        ['?limit=abc', 'limit'],
        ['?limit=2.5', 'limit'],
        ['?limit=2&cursor=not-a-cursor', 'cursor'],
        ['?limit=2&cursor=%3D%3D', 'cursor'],
        [`?cursor=${btoa('1.x')}`, 'limit'],
      ] as const) {
        const r = await h.request('GET', `/api/settings/connections${query}`);
        expect(r.status, query).toBe(400);
        expect(r.json.error.field, query).toBe(field);
      }
    });
  },
);
