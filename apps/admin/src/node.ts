/** @cts/admin/node — Node, Bun and Deno helpers: read htmx from the installed package (for `htmxSource`). */
export { readInstalledHtmx } from './assets/htmx-source.ts';
