/**
 * The one runtime module the Worker imports. Declared here over the importable @cloudflare/workers-types, so the
 * package typechecks with the Web lib that core uses (the global workers-types disagree with it in places).
 */
declare module 'cloudflare:workers' {
  import type { DurableObjectState, Rpc } from '@cloudflare/workers-types';

  export abstract class DurableObject<Env = unknown> implements Rpc.DurableObjectBranded {
    [Rpc.__DURABLE_OBJECT_BRAND]: never;
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}
