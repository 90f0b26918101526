import { DESCRIPTORS } from '../exchanges/catalog.ts';
import { EXCHANGES, type ExchangeId } from '../exchanges/ids.ts';

/** Every REST and stream origin in the exchange descriptors (all environments and regions), by exchange. */
export function catalogOrigins(): Map<string, ExchangeId> {
  const origins = new Map<string, ExchangeId>();
  for (const id of EXCHANGES)
    for (const byRegion of Object.values(DESCRIPTORS[id].environments))
      for (const hosts of Object.values(byRegion ?? {})) {
        if (!hosts) continue;
        for (const url of [...Object.values(hosts.rest), ...Object.values(hosts.ws ?? {})])
          if (url) origins.set(new URL(url).origin, id);
      }
  return origins;
}

let cached: Map<string, ExchangeId> | undefined;

/**
 * The exchange a request URL goes to: by its origin among the descriptors' hosts, or, under `baseUrl` (the
 * simulator), by the first path segment (`/okx-eea/...` → okx). undefined for any other URL.
 *
 * @example exchangeOfUrl('https://api.bybit.com/v5/account/info') // 'bybit'
 */
export function exchangeOfUrl(url: string, baseUrl?: string): ExchangeId | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (baseUrl !== undefined) {
    const root = baseUrl.replace(/\/+$/, '');
    if (url.startsWith(`${root}/`)) {
      const segment = url.slice(root.length + 1).split(/[/?#]/)[0] ?? '';
      const id = segment.split('-')[0];
      return (EXCHANGES as readonly string[]).includes(id ?? '') ? (id as ExchangeId) : undefined;
    }
  }
  cached ??= catalogOrigins();
  return cached.get(parsed.origin);
}
