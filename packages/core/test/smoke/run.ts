// Runs the smoke suite on whatever runtime executes this file (bun, deno, node) and prints one JSON line.
import { runSmoke } from './smoke.ts';

const g = globalThis as { Bun?: unknown; Deno?: unknown };
const runtime = g.Bun ? 'bun' : g.Deno ? 'deno' : 'node';
console.log(JSON.stringify(await runSmoke(runtime)));
