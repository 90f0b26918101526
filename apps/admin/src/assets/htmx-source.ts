/**
 * Reads htmx from the installed package (never a CDN). On Node, Bun and Deno it resolves
 * `htmx.org/dist/htmx.min.js` and reads the file through `process.getBuiltinModule('node:fs')` (no import, so a
 * Worker bundle carries no node:fs); a Worker host passes the source in as `htmxSource` instead.
 */
export async function readInstalledHtmx(): Promise<string> {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as
    | { promises: { readFile(path: URL, encoding: 'utf8'): Promise<string> } }
    | undefined;
  if (typeof meta.resolve !== 'function' || !fs)
    throw new Error(
      'htmxSource: this runtime cannot read htmx.org from disk; pass the file contents as htmxSource',
    );
  return fs.promises.readFile(new URL(meta.resolve('htmx.org/dist/htmx.min.js')), 'utf8');
}
