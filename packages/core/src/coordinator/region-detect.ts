import type { ConnectorOptions, Permissions } from '../connectors/types.ts';
import { EXCHANGE_NAMES, regionsOf } from '../exchanges/catalog.ts';
import type { Region } from '../exchanges/ids.ts';

/** How the region names read in a hint. */
const REGION_NAMES: Record<string, string> = { global: 'global', eea: 'EEA', us: 'US' };

/** Exchange error codes that mean "no such key on this entity's host" (OKX 50119, reference 2026 §6). */
const KEY_UNKNOWN: Partial<Record<string, string>> = { okx: '50119' };

/** Whether a refused test may be a key of another region of the exchange (OKX 50119). */
export function mayBeOtherRegion(exchange: string, exchangeCode: string | number | undefined): boolean {
  return KEY_UNKNOWN[exchange] !== undefined && String(exchangeCode) === KEY_UNKNOWN[exchange];
}

/** The region that accepts the key, with what it reported about the key. */
export interface RegionMatch {
  region: Region;
  permissions: Permissions;
  /** "this key belongs to OKX EEA: set region eea". */
  hint: string;
}

/**
 * Tries the key on the exchange's other regions' hosts (one signed key-info call each, through the same limiter)
 * and returns the first that accepts it, or null.
 */
export async function detectRegion(
  createConnector: (options: ConnectorOptions) => {
    getPermissions(): Promise<Permissions>;
  },
  options: ConnectorOptions,
): Promise<RegionMatch | null> {
  const current = options.region ?? 'global';
  for (const region of regionsOf(options.exchange, options.environment ?? 'mainnet')) {
    if (region === current) continue;
    try {
      const permissions = await createConnector({ ...options, region }).getPermissions();
      const entity = `${EXCHANGE_NAMES[options.exchange]} ${REGION_NAMES[region] ?? region}`;
      return { region, permissions, hint: `This key belongs to ${entity}: set region ${region}.` };
    } catch {
      // Refused there too: try the next region.
    }
  }
  return null;
}
