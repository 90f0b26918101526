import { DESCRIPTORS, EXCHANGES, type ExchangeId } from '../../exchanges/catalog.ts';
import type { ExchangeRules } from './types.ts';

/**
 * The exchanges' published limits and endpoint weights, from each exchange's descriptor (`limits.published`,
 * sourced from ../shared/reference/exchanges.md). Endpoints not listed cost 1 in their route's buckets.
 */
export const PUBLISHED_RULES: Record<ExchangeId, ExchangeRules> = Object.fromEntries(
  EXCHANGES.map((id) => [id, DESCRIPTORS[id].limits.published]),
) as Record<ExchangeId, ExchangeRules>;
