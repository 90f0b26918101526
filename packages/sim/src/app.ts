import { EXCHANGES } from '@cts/core/exchanges';
import { systemClock } from '@cts/core/ports';
import { Hono } from 'hono';
import { accountInputSchema, describeIssues } from './accounts/account-input.ts';
import { AccountStore } from './accounts/account-store.ts';
import { createControlRoutes } from './control/control-routes.ts';
import { createBinanceRoutes } from './exchanges/binance/routes.ts';
import { createBinanceListenKeyRoutes } from './exchanges/binance/ws-listen-key.ts';
import { createBinanceListenTokenRoutes } from './exchanges/binance/ws-listen-token.ts';
import { BINGX_FALLBACK_SUFFIX, createBingxRoutes } from './exchanges/bingx/routes.ts';
import { createBingxListenKeyRoutes } from './exchanges/bingx/ws-listen-key.ts';
import { createBybitRoutes } from './exchanges/bybit/routes.ts';
import type { SimDeps } from './exchanges/deps.ts';
import { RESET_HEADER, type SimEnv, toResponse } from './exchanges/http.ts';
import { createOkxRoutes } from './exchanges/okx/routes.ts';
import { createOrangexRoutes } from './exchanges/orangex/routes.ts';
import { TokenStore } from './exchanges/orangex/tokens.ts';
import { createPionexRoutes } from './exchanges/pionex/routes.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { faultsInputSchema } from './faults/fault-rules.ts';
import { RateLimiter } from './limits/rate-limiter.ts';
import { environmentPrefixes, type Simulator, type SimulatorOptions } from './simulator.ts';
import { Stats } from './stats.ts';
import { ListenKeyStore } from './ws/listen-keys.ts';
import { StreamHub } from './ws/stream-hub.ts';
import { STREAM_ROUTES } from './ws/stream-routes.ts';

const PROFILES = ['published', 'seed'];

/**
 * Creates an exchange simulator: each exchange under `/<exchange>[-<environment>]` with its real paths,
 * control under `/__sim`.
 *
 * @example
 * const sim = createSimulator({ clock: new ManualClock() });
 * const acct = await sim.createAccount({ exchange: 'bybit' });
 * const connector = createConnector({ exchange: 'bybit', apiType: 'unified', credentials: acct,
 *   fetch: sim.fetch, baseUrl: 'http://sim.local', clock: sim.clock });
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const profile = options.profile ?? 'published';
  if (!PROFILES.includes(profile)) throw new TypeError(`profile: expected 'published' or 'seed'`);
  const deps: SimDeps = {
    accounts: new AccountStore(),
    limiter: new RateLimiter(),
    faults: new FaultInjector(),
    stats: new Stats(),
    clock: options.clock ?? systemClock,
    profile,
    tokens: new TokenStore(options.orangex),
    trustProxy: options.trustProxy ?? false,
    inProcessIp: options.inProcessIp ?? '127.0.0.1',
  };
  const app = new Hono<SimEnv>();
  const streams = new StreamHub(deps, STREAM_ROUTES, new ListenKeyStore(options.listenKeyTtlMs));

  const sim: Simulator = {
    app,
    clock: deps.clock,
    profile,
    accounts: deps.accounts,
    streams,
    fetch: async (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await app.fetch(request, {});
      if (request.signal.aborted) throw request.signal.reason;
      if (response.headers.has(RESET_HEADER))
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        });
      return response;
    },
    async createAccount(input) {
      const parsed = accountInputSchema.safeParse(input);
      if (!parsed.success) {
        const first = describeIssues(parsed.error)[0]!;
        throw new TypeError(`${first.field}: ${first.message}`);
      }
      return deps.accounts.create(parsed.data, deps.clock.now());
    },
    setFaults(input) {
      const parsed = faultsInputSchema.safeParse(input);
      if (!parsed.success) {
        const first = describeIssues(parsed.error)[0]!;
        throw new TypeError(`${first.field}: ${first.message}`);
      }
      deps.faults.set(parsed.data.faults, parsed.data.seed);
    },
    faults: () => deps.faults.rules,
    stats: () => deps.stats.snapshot(),
    reset(opts = {}) {
      if (!opts.keepAccounts) deps.accounts.clear();
      deps.limiter.reset();
      deps.faults.clear();
      deps.stats.reset();
      deps.tokens.clear();
      streams.listenKeys.clear();
    },
  };

  app.route('/__sim', createControlRoutes(sim));
  for (const exchange of EXCHANGES)
    for (const { prefix, environment, region } of environmentPrefixes(exchange)) {
      if (exchange === 'bybit') app.route(prefix, createBybitRoutes(deps, environment, region));
      else if (exchange === 'binance') {
        app.route(prefix, createBinanceListenKeyRoutes(deps, streams.listenKeys, environment));
        app.route(
          prefix,
          createBinanceListenTokenRoutes(
            deps,
            streams.listenKeys,
            environment,
            options.listenTokenValidityMs,
          ),
        );
        app.route(prefix, createBinanceRoutes(deps, environment));
      } else if (exchange === 'okx') app.route(prefix, createOkxRoutes(deps, region));
      else if (exchange === 'bingx')
        for (const host of [prefix, `${prefix}${BINGX_FALLBACK_SUFFIX}`]) {
          app.route(host, createBingxListenKeyRoutes(deps, streams.listenKeys, environment));
          app.route(host, createBingxRoutes(deps, environment));
        }
      else if (exchange === 'pionex') app.route(prefix, createPionexRoutes(deps));
      else app.route(prefix, createOrangexRoutes(deps));
    }
  app.notFound((c) => toResponse({ status: 404, body: { error: 'not_found', path: c.req.path } }, {}));
  app.onError((err) =>
    toResponse({ status: 500, body: { error: 'simulator_error', message: err.message } }, {}),
  );
  return sim;
}
