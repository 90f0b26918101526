/**
 * An OpenAPI-driven fuzzer: for every operation of /api/openapi.json it sends valid and broken requests (path ids,
 * query, body, content types) to a real server, and checks each reply: never a 5xx, its status documented for that
 * operation, its JSON body valid against the documented schema (read back with zod's fromJSONSchema).
 */
import { seededRandom } from '@cts/testkit';
import { fromJSONSchema } from 'zod';
import { JsonGen, type Schema } from './json-gen.ts';

export interface FuzzOptions {
  url: string;
  /** An admin bearer token (every operation is reachable). */
  token: string;
  /** Existing connection ids (DELETE is only ever sent to other ids, so the pool stays). */
  connectionIds: string[];
  /** Existing batch ids. */
  batchIds: string[];
  /** Requests per operation. */
  perOperation: number;
  seed?: number;
  /** Per-request limit (SSE streams end sooner), ms. @default 20000 */
  timeoutMs?: number;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  /** `METHOD path → status` of every 5xx. */
  serverErrors: string[];
  /** Replies whose status is undocumented or whose body breaks the documented schema. */
  violations: string[];
  /** Every reply body, for the secret scan. */
  bodies: string[];
  /**
   * Requests the documented schema accepts but validation refused (400 validation_failed): where the OpenAPI
   * schema is looser than validation, as `operation field: rule`.
   */
  looser: string[];
}

type Operation = {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

type Validator = { safeParse(value: unknown): ReturnType<ReturnType<typeof fromJSONSchema>['safeParse']> };

/**
 * zod's fromJSONSchema for the document's schema, with the `allOf` if/then conditions (which it does not read)
 * applied one by one on top.
 */
function documentValidator(schema: Schema): Validator {
  const { allOf, ...base } = schema;
  const whole = fromJSONSchema(base);
  const conditions = ((allOf ?? []) as Schema[]).map((c) =>
    c.if
      ? {
          when: fromJSONSchema({ type: 'object', ...c.if }),
          must: fromJSONSchema({ type: 'object', ...c.then }),
        }
      : { when: undefined, must: fromJSONSchema(c) },
  );
  return {
    safeParse(value) {
      const result = whole.safeParse(value);
      if (!result.success) return result;
      for (const c of conditions)
        if (!c.when || c.when.safeParse(value).success) {
          const checked = c.must.safeParse(value);
          if (!checked.success) return checked;
        }
      return result;
    },
  };
}

function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>))
    for (const [method, op] of Object.entries(item)) ops.push({ ...op, method: method.toUpperCase(), path });
  return ops;
}

export async function fuzzOpenApi(options: FuzzOptions): Promise<FuzzReport> {
  const gen = new JsonGen(seededRandom(options.seed ?? 12));
  const auth = { Authorization: `Bearer ${options.token}` };
  const doc = await (await fetch(`${options.url}/api/openapi.json`)).json();
  const report: FuzzReport = {
    requests: 0,
    byStatus: {},
    serverErrors: [],
    violations: [],
    bodies: [],
    looser: [],
  };
  const validators = new Map<string, Validator | null>();
  const validatorOf = (key: string, schema: Schema) => {
    if (!validators.has(key)) validators.set(key, schema ? documentValidator(schema) : null);
    return validators.get(key)!;
  };

  for (const op of operationsOf(doc)) {
    for (let i = 0; i < options.perOperation; i++) {
      const valid = i % 3 !== 2; // two valid-looking requests for one broken one
      let madeUp = false;
      const path = op.path.replace(/\{(\w+)\}/g, () => {
        const pool = op.path.includes('/batches/') ? options.batchIds : options.connectionIds;
        if (op.method !== 'DELETE' && pool.length && gen.chance(valid ? 0.85 : 0.3)) return gen.pick(pool);
        madeUp = true;
        return encodeURIComponent(gen.chance(0.5) ? `nope-${gen.int(0, 9999)}` : gen.nastyString());
      });
      // Whether everything sent is what the document allows (a real id, schema-valid query and body).
      let allowed = valid && !madeUp;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? [])
        if (p.in === 'query' && gen.chance(0.5)) {
          const v = valid ? gen.valid(p.schema) : gen.chance(0.5) ? gen.broken(p.schema) : gen.nastyString();
          if (!validatorOf(`${op.path} ${op.method} ${p.name}`, p.schema)!.safeParse(v).success)
            allowed = false;
          query.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
        }
      const headers: Record<string, string> = { ...auth };
      let body: string | undefined;
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      // Whether everything sent is what the document allows (a real id, schema-valid query and body).
      if (bodySchema) {
        const roll = gen.int(0, 9);
        if (roll >= 7) allowed = false;
        if (roll < 7) {
          headers['Content-Type'] = 'application/json';
          const value = valid ? gen.valid(bodySchema) : gen.broken(bodySchema);
          body = JSON.stringify(value);
          // The generator does not follow allOf/anyOf conditions: the document itself says whether it accepts it.
          if (!validatorOf(`${op.path} ${op.method} body`, bodySchema)!.safeParse(value).success)
            allowed = false;
        } else if (roll === 7) {
          headers['Content-Type'] = 'application/json';
          body = gen.pick(['{', '{"a":', 'null', '[]', '"x"', '', '{"name":"\u0000"}']);
        } else if (roll === 8) {
          headers['Content-Type'] = gen.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
          ]);
          body = 'name=x';
        }
      }
      const target = `${op.path} (${op.method})`;
      const q = query.size ? `?${query}` : '';
      report.requests++;
      let status: number;
      let text: string;
      let contentType: string;
      try {
        const res = await fetch(`${options.url}${path}${q}`, {
          method: op.method,
          headers,
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
        });
        status = res.status;
        contentType = res.headers.get('content-type') ?? '';
        text = await res.text();
      } catch (err) {
        report.violations.push(`${op.method} ${path}${q}: no complete reply (${(err as Error).name})`);
        continue;
      }
      report.bodies.push(text);
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      if (status >= 500)
        report.serverErrors.push(`${op.method} ${path}${q} → ${status}: ${text.slice(0, 200)}`);
      if (allowed && status === 400 && text.includes('"validation_failed"')) {
        const e = JSON.parse(text).error;
        for (const issue of e.issues ?? [{ field: e.field, rule: e.rule }])
          report.looser.push(`${op.method} ${op.path} ${issue.field}: ${issue.rule}`);
      }
      const documented = op.responses[String(status)];
      if (!documented) {
        report.violations.push(`${target}: status ${status} is not documented (${text.slice(0, 160)})`);
        continue;
      }
      if (!contentType.includes('application/json')) continue;
      const schema = documented.content?.['application/json']?.schema;
      const validator = validatorOf(`${target} ${status}`, schema);
      if (!validator) continue;
      const parsed = validator.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        report.violations.push(
          `${target} ${status}: body breaks the documented schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        );
      }
    }
  }
  return report;
}
