import type { ConnectionFilter, ConnectionHealth, ConnectionRecord } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { type LiveFragment, renderLive } from '../routes/live-reply.ts';
import { connectionTableBody, liveRegion } from '../views/connection-table.ts';
import type { Html } from '../views/html.ts';
import { type BoardQuery, pageSlice } from './board-query.ts';
import { rankConnections } from './rank.ts';

/**
 * The connections table as the operator asked for it: the coordinator's filtered list (the same query as
 * GET /api/settings/connections), searched, ranked worst first (or as sorted) from the records, paged, rendered
 * with its ETag. Ranking worst first needs every matching row, so the list is read whole and paged after ranking;
 * the health entries are read for the page's rows only.
 */
export async function connectionsBoard(
  options: ResolvedAdminOptions,
  session: AdminSession,
  query: BoardQuery,
): Promise<LiveFragment> {
  const filter: ConnectionFilter = {};
  if (query.exchange) filter.exchange = query.exchange;
  if (query.apiType) filter.apiType = query.apiType;
  if (query.state) filter.state = query.state;
  const ranked = rankConnections(await options.coordinator.listConnections(filter), query);
  // Health entries for the rows on screen only: the whole report costs more than the list itself at 1,000.
  const health = await pageHealth(options, pageSlice(ranked, query.page));
  return renderLive(
    connectionTableBody(ranked, {
      base: options.basePath,
      canEdit: session.role === 'admin',
      csrf: session.csrf,
      health,
      query,
    }),
  );
}

async function pageHealth(
  options: ResolvedAdminOptions,
  rows: ConnectionRecord[],
): Promise<Map<string, ConnectionHealth>> {
  const entries = await Promise.all(
    rows.map((r) => options.coordinator.getConnectionHealth(r.id).catch(() => undefined)),
  );
  return new Map(entries.filter((h) => h !== undefined).map((h) => [h.connectionId, h]));
}

/** The table wrapped as the live region `#connections-table`. */
export function connectionsRegion(options: ResolvedAdminOptions, f: LiveFragment): Html {
  return liveRegion(
    'connections-table',
    `${options.basePath}/connections/board`,
    f.etag,
    f.body,
    options.liveMs,
  );
}
