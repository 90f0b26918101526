/** Bundles src/index.ts for workerd the way wrangler does (ESM, Worker conditions, no Node built-ins). */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleWorker(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
