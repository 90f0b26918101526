import { restBaseUrl } from '../../exchanges/hosts.ts';
import type { Environment } from '../../exchanges/ids.ts';
import type { FetchLike } from '../../ports/fetch.ts';

/** BingX's fallback REST hosts (reference 2026 §7: `.pro`, not `.io`). */
export const BINGX_FALLBACK_HOSTS: Partial<Record<Environment, string>> = {
  mainnet: 'https://open-api.bingx.pro',
  demo: 'https://open-api-vst.bingx.pro',
};

/**
 * The fallback base URL for an environment; with `baseUrl` (the simulator) the primary prefix plus
 * `-fallback` (`/bingx-fallback`, `/bingx-demo-fallback`).
 */
export function bingxFallbackBaseUrl(environment: Environment, baseUrl?: string): string | undefined {
  if (baseUrl !== undefined) return `${restBaseUrl('bingx', environment, 'default', baseUrl)}-fallback`;
  return BINGX_FALLBACK_HOSTS[environment];
}

/**
 * One request's host choice: the primary host until a send on it fails without a reply (a network error
 * or the request's timeout — never an exchange reply, whatever its status, and never the caller's own
 * abort); from then on the fallback. `fetch` wraps the connector's fetch to notice the failure; `baseUrl`
 * is read when each attempt is built.
 *
 * @example
 * const host = createHostFallback(primary, fallback, ctx.fetch, ctx.signal);
 * await send({ ...ctx, fetch: host.fetch }, route, () => sign(host.baseUrl), reader);
 */
export function createHostFallback(
  primary: string,
  fallback: string | undefined,
  fetch: FetchLike,
  signal?: AbortSignal,
): { readonly baseUrl: string; readonly fellBack: boolean; fetch: FetchLike } {
  let failed = false;
  return {
    get baseUrl() {
      return failed && fallback ? fallback : primary;
    },
    get fellBack() {
      return failed && fallback !== undefined;
    },
    async fetch(input, init) {
      try {
        return await fetch(input, init);
      } catch (err) {
        if (!signal?.aborted) failed = true;
        throw err;
      }
    },
  };
}
