/**
 * Reads htmx from the installed package (never a CDN). On Node, Bun and Deno it resolves
 * `htmx.org/dist/htmx.min.js` and reads the file; a Worker host passes the source in (`htmxSource`), for example
 * imported as a Text module by wrangler.
 */
export async function readInstalledHtmx(): Promise<string> {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve !== 'function')
    throw new Error('htmxSource: this runtime cannot resolve htmx.org; pass the file contents as htmxSource');
  const url = resolve('htmx.org/dist/htmx.min.js');
  // A computed specifier keeps bundlers for Workers from pulling node:fs in.
  const fsName = 'node:fs/promises';
  const fs = (await import(fsName)) as { readFile(path: URL, encoding: 'utf8'): Promise<string> };
  return fs.readFile(new URL(url), 'utf8');
}
