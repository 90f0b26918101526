import type { ConnectionFilter } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { healthMap } from '../routes/health-map.ts';
import { type LiveFragment, renderLive } from '../routes/live-reply.ts';
import { connectionTableBody, liveRegion } from '../views/connection-table.ts';
import type { Html } from '../views/html.ts';
import type { BoardQuery } from './board-query.ts';
import { rankConnections } from './rank.ts';

/**
 * The connections table as the operator asked for it: the coordinator's filtered list (the same query as
 * GET /api/settings/connections), searched, ranked worst first (or as sorted), paged, rendered with its ETag.
 * Ranking worst first needs every matching row, so the list is read whole and paged after ranking.
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
  const [list, health] = await Promise.all([
    options.coordinator.listConnections(filter),
    healthMap(options.coordinator),
  ]);
  const ranked = rankConnections(list, health, query);
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
