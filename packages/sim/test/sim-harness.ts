/**
 * The per-exchange simulator tests' shared preamble: a fresh simulator on a ManualClock for every test,
 * and `send`, which fetches a signed request (optionally with extra headers) and reads its JSON body.
 */
import { ManualClock } from '@cts/testkit';
import { beforeEach } from 'vitest';
import { createSimulator } from '../src/app.ts';
import type { Simulator, SimulatorOptions } from '../src/simulator.ts';
import type { Loose } from './signers.ts';

export interface SimHarness {
  /** This test's clock (a new one before each test). */
  readonly clock: ManualClock;
  /** This test's simulator, built on `clock` with `trustProxy: true`. */
  readonly sim: Simulator;
  /** Fetches `s` through the simulator, `extra` headers merged over its own, and parses the body as JSON. */
  send(
    s: { url: string; init: RequestInit },
    extra?: Record<string, string>,
  ): Promise<{ res: Response; body: Loose }>;
}

/**
 * Registers a `beforeEach` that builds a fresh simulator; call it inside a `describe`.
 *
 * @example
 * const t = useSimulator();
 * it('…', async () => { const { body } = await t.send(okxGet(BASE, acct, path, '', t.clock.now())); });
 */
export function useSimulator(options: Omit<SimulatorOptions, 'clock'> = {}): SimHarness {
  let clock: ManualClock | undefined;
  let sim: Simulator | undefined;
  beforeEach(() => {
    clock = new ManualClock();
    sim = createSimulator({ clock, trustProxy: true, ...options });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('useSimulator: call it inside describe (it builds in beforeEach)');
    return value;
  };
  return {
    get clock() {
      return ready(clock);
    },
    get sim() {
      return ready(sim);
    },
    async send(s, extra = {}) {
      const res = await ready(sim).fetch(s.url, {
        ...s.init,
        headers: { ...(s.init.headers as object), ...extra },
      });
      return { res, body: (await res.json()) as Loose };
    },
  };
}
