import {
  type Environment,
  type ExchangeId,
  environmentsOf,
  type Region,
  regionsOf,
  restBaseUrl,
} from '@cts/core/exchanges';
import type { Clock, FetchLike } from '@cts/core/ports';
import type { Hono } from 'hono';
import type { AccountInput } from './accounts/account-input.ts';
import type { AccountStore, CreatedAccount } from './accounts/account-store.ts';
import type { SimEnv } from './exchanges/http.ts';
import type { TokenStoreOptions } from './exchanges/orangex/tokens.ts';
import type { FaultRule, FaultsInput } from './faults/fault-rules.ts';
import type { LimitProfile } from './limits/seed-profile.ts';
import type { StatsSnapshot } from './stats.ts';
import type { StreamHub } from './ws/stream-hub.ts';

export interface SimulatorOptions {
  /** The simulator's clock: timestamps are checked and limits counted against it. @default systemClock */
  clock?: Clock;
  /** 'published' = the exchanges' documented limits; 'seed' = the seed's table. @default 'published' */
  profile?: LimitProfile;
  /** Take the client IP from X-Forwarded-For (first hop). @default false */
  trustProxy?: boolean;
  /** Client IP of in-process requests (there is no socket). @default '127.0.0.1' */
  inProcessIp?: string;
  /** Validity of BingX listenKeys (extended by PUT). @default 3_600_000 (60 min) */
  listenKeyTtlMs?: number;
  /** Validity of Binance margin listenTokens requested without `validity` (≤ 24 h). @default 86_400_000 (24 h) */
  listenTokenValidityMs?: number;
  /** OrangeX token lifetimes. @default access 1 h, refresh 7 days */
  orangex?: TokenStoreOptions;
}

/** A running simulator: its Hono app, a FetchLike over it, and its control methods. */
export interface Simulator {
  app: Hono<SimEnv>;
  /** In-process fetch: pass it as a connector's `fetch` with baseUrl 'http://sim.local'. A reset fault rejects with TypeError. */
  fetch: FetchLike;
  clock: Clock;
  profile: LimitProfile;
  accounts: AccountStore;
  /** Private WebSocket streams: routing, listenKeys, open sockets (served by startSimulatorServer). */
  streams: StreamHub;
  /** Creates an account; throws TypeError naming the field when the input is invalid. */
  createAccount(input: AccountInput): Promise<CreatedAccount>;
  /** Replaces the fault rules; throws TypeError naming the field when invalid. */
  setFaults(input: FaultsInput): void;
  faults(): FaultRule[];
  stats(): StatsSnapshot;
  /** Clears limits, bans, tokens, faults and stats, and the accounts unless `keepAccounts`. */
  reset(options?: { keepAccounts?: boolean }): void;
}

/**
 * The URL prefixes of each exchange's environments and regions, from its descriptor (the routing contract of
 * restBaseUrl): `/okx`, `/okx-eea`, `/bybit-demo`, `/bybit-testnet-jp`. A prefix two environments share (OKX
 * demo: its mainnet host and a header) is listed once, under the first.
 */
export function environmentPrefixes(
  exchange: ExchangeId,
): { prefix: string; environment: Environment; region: Region }[] {
  const out: { prefix: string; environment: Environment; region: Region }[] = [];
  for (const environment of environmentsOf(exchange))
    for (const region of regionsOf(exchange, environment)) {
      const prefix = restBaseUrl(exchange, environment, 'default', '', region);
      if (!out.some((p) => p.prefix === prefix)) out.push({ prefix, environment, region });
    }
  return out;
}
