import { describe, expect, it } from 'vitest';
import { createFixture } from '../../test/coordinator-fixture.ts';

describe('ConnectionCoordinator testConnection onStep', () => {
  it('hands each step line to onStep as it happens, the same lines as the result log', async () => {
    const f = await createFixture();
    const c = await f.coordinator.createConnection({ ...(await f.input('bybit')), enabled: false });
    const lines: string[] = [];
    let linesWhenBalanceAsked = -1;
    const result = await f.coordinator.testConnection(c.id, {
      onStep: (line) => {
        lines.push(line);
        if (line.endsWith('Fetching balance (signed request)...')) linesWhenBalanceAsked = lines.length;
      },
    });
    expect(result.success).toBe(true);
    expect(lines).toEqual(result.log);
    expect(linesWhenBalanceAsked).toBeGreaterThan(1);
    expect(linesWhenBalanceAsked).toBeLessThan(lines.length);
  });

  it('keeps testing when the listener throws, and streams the failure lines of a rejected key', async () => {
    const f = await createFixture();
    const body = await f.input('okx');
    const c = await f.coordinator.createConnection({ ...body, api_key: 'unknown-key-0000', enabled: false });
    const lines: string[] = [];
    const result = await f.coordinator.testConnection(c.id, {
      onStep: (line) => {
        lines.push(line);
        throw new Error('listener gone');
      },
    });
    expect(result.success).toBe(false);
    expect(lines).toEqual(result.log);
    expect(lines.at(-1)).toMatch(/Hint: /);
  });
});
