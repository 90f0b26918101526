import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('@cts/db/d1', () => {
  it('bundles for a Worker with no Node built-ins, no libSQL client and no filesystem access', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('drizzle-orm/d1/'))).toBe(true);
    expect(inputs.filter((p) => /@libsql|node:|read-migrations|\/client\.ts$/.test(p))).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('CREATE TABLE `connections`');
  });
});
