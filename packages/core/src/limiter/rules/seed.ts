import { DESCRIPTORS, EXCHANGES, type ExchangeId } from '../../exchanges/catalog.ts';
import type { ExchangeRules } from './types.ts';

/**
 * The seed's table per exchange, from each exchange's descriptor (`limits.seed`, built by seedRules with the
 * public endpoints our connectors call: the exchanges' server-time endpoints, OrangeX's public methods).
 */
export const SEED_RULES: Record<ExchangeId, ExchangeRules> = Object.fromEntries(
  EXCHANGES.map((id) => [id, DESCRIPTORS[id].limits.seed]),
) as Record<ExchangeId, ExchangeRules>;
