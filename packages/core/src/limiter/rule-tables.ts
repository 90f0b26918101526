import { EXCHANGES, type ExchangeId, isExchangeId } from '../exchanges/catalog.ts';
import { patchRules } from './rules/merge.ts';
import { PUBLISHED_RULES } from './rules/published.ts';
import { SEED_RULES } from './rules/seed.ts';
import type { ExchangeRules, ExchangeRulesPatch, Profile, RulesOverride } from './rules/types.ts';
import { PROFILES } from './rules/types.ts';
import { validateExchangeRules } from './rules/validate.ts';

/** Per-connection overrides: per profile, a patch or `false` (profile off for this connection). */
export type AccountRulesOverride = Partial<Record<Profile, ExchangeRulesPatch | false>>;

export type ProfileRules = readonly { profile: Profile; rules: ExchangeRules }[];

const BASE: Record<Profile, Record<ExchangeId, ExchangeRules>> = {
  seed: SEED_RULES,
  published: PUBLISHED_RULES,
};

export function profilesOf(profile: 'both' | Profile): Profile[] {
  if (profile === 'both') return ['seed', 'published'];
  if (PROFILES.includes(profile)) return [profile];
  throw new TypeError(`profile: expected both, seed or published, got ${JSON.stringify(profile)}`);
}

/** The rule tables after deployment overrides, validated: profile → exchange → rules (absent when switched off). */
export function buildTables(
  profiles: readonly Profile[],
  override: RulesOverride = {},
): Record<Profile, Partial<Record<ExchangeId, ExchangeRules>>> {
  for (const key of Object.keys(override)) {
    if (!PROFILES.includes(key as Profile))
      throw new TypeError(`rules.${key}: unknown profile (expected seed or published)`);
    for (const exchange of Object.keys(override[key as Profile] ?? {}))
      if (!isExchangeId(exchange))
        throw new TypeError(
          `rules.${key}.${exchange}: unknown exchange (expected one of ${EXCHANGES.join(', ')})`,
        );
  }
  const tables: Record<Profile, Partial<Record<ExchangeId, ExchangeRules>>> = { seed: {}, published: {} };
  for (const profile of profiles) {
    for (const exchange of EXCHANGES) {
      const patch = override[profile]?.[exchange];
      if (patch === false) continue;
      const rules = patch ? patchRules(BASE[profile][exchange], patch) : BASE[profile][exchange];
      validateExchangeRules(`rules.${profile}.${exchange}`, rules);
      tables[profile][exchange] = rules;
    }
  }
  return tables;
}

/** One connection's rules: the deployment's tables with the connection's own override applied. */
export function connectionRules(
  tables: Record<Profile, Partial<Record<ExchangeId, ExchangeRules>>>,
  profiles: readonly Profile[],
  exchange: ExchangeId,
  override: AccountRulesOverride | undefined,
  path = 'accountRules',
): ProfileRules {
  const out: { profile: Profile; rules: ExchangeRules }[] = [];
  for (const profile of profiles) {
    const patch = override?.[profile];
    if (patch === false) continue;
    const base = tables[profile][exchange];
    if (!patch) {
      if (base) out.push({ profile, rules: base });
      continue;
    }
    const rules = patchRules(base, patch);
    validateExchangeRules(`${path}.${profile}`, rules);
    out.push({ profile, rules });
  }
  return out;
}
