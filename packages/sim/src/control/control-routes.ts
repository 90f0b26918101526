import { DEFAULT_REGION } from '@cts/core/exchanges';
import { Hono } from 'hono';
import { z } from 'zod';
import { accountInputSchema, describeIssues } from '../accounts/account-input.ts';
import type { SimEnv } from '../exchanges/http.ts';
import { faultsInputSchema } from '../faults/fault-rules.ts';
import type { Simulator } from '../simulator.ts';

const resetSchema = z.object({
  /** Keep the accounts (and their keys); clear limits, bans, tokens, faults and stats. @default false */
  keepAccounts: z.boolean().default(false),
});

function invalid(issues: { field: string; message: string }[]): Response {
  const text = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return Response.json({ error: 'invalid_request', message: text, issues }, { status: 400 });
}

async function readJson(
  req: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await req.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: invalid([{ field: '(body)', message: 'expected a JSON object' }]) };
  }
}

/** `/__sim`: accounts, stats, faults and reset. Bad input answers 400 naming the field. */
export function createControlRoutes(sim: Simulator): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.post('/accounts', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = accountInputSchema.safeParse(body.value);
    if (!parsed.success) return invalid(describeIssues(parsed.error));
    return c.json(await sim.createAccount(parsed.data), 201);
  });

  app.get('/accounts', (c) => {
    const list = [];
    for (const a of sim.accounts.list())
      list.push({
        id: a.id,
        exchange: a.exchange,
        environment: a.environment,
        ...(a.region === DEFAULT_REGION ? {} : { region: a.region }),
        uid: a.uid,
        keyType: a.keyType,
      });
    return c.json({ accounts: list });
  });

  app.get('/stats', (c) => c.json(sim.stats()));

  app.get('/faults', (c) => c.json({ faults: sim.faults() }));
  app.post('/faults', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = faultsInputSchema.safeParse(body.value);
    if (!parsed.success) return invalid(describeIssues(parsed.error));
    sim.setFaults(parsed.data);
    return c.json({ faults: sim.faults() });
  });

  app.post('/reset', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = resetSchema.safeParse(body.value);
    if (!parsed.success) return invalid(describeIssues(parsed.error));
    sim.reset(parsed.data);
    return c.json({ ok: true });
  });

  return app;
}
