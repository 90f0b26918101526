import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { bingxGet, bybitGet } from '../../test/signers.ts';
import { createSimulator } from '../app.ts';

describe('seed profile', () => {
  it("limits Bybit signed calls to the seed's 10/s and 120/min per account", async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock, profile: 'seed' });
    const a = await sim.createAccount({ exchange: 'bybit' });
    const call = async () => {
      const s = bybitGet(
        'http://sim.local/bybit',
        a,
        '/v5/account/wallet-balance',
        'accountType=UNIFIED',
        clock.now(),
      );
      return ((await (await sim.fetch(s.url, s.init)).json()) as { retCode: number }).retCode;
    };
    const second: number[] = [];
    for (let i = 0; i < 11; i++) second.push(await call());
    expect(second.filter((c) => c === 0)).toHaveLength(10);
    expect(second[10]).toBe(10006);
    let accepted = 10;
    for (let s = 1; s < 12; s++) {
      await clock.advance(1000);
      for (let i = 0; i < 10; i++) if ((await call()) === 0) accepted++;
    }
    expect(accepted).toBe(120);
    await clock.advance(1000);
    expect(await call()).toBe(10006);
  });

  it("limits BingX to 5/s, where the published profile's per-IP groups do not apply", async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock, profile: 'seed' });
    const a = await sim.createAccount({ exchange: 'bingx' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = bingxGet('http://sim.local/bingx', a, '/openApi/spot/v1/account/balance', '', clock.now());
      codes.push(((await (await sim.fetch(s.url, s.init)).json()) as { code: number }).code);
    }
    expect(codes).toEqual([0, 0, 0, 0, 0, 100410]);
  });
});
