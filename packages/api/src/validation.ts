import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { ApiEnv } from './deps.ts';
import { RequestValidationError } from './errors/api-errors.ts';

type Target = 'json' | 'query' | 'param';

const TARGET_NAME: Record<Target, string> = { json: 'body', query: 'query', param: 'path' };

/** Turns zod issues into { field, rule } pairs: `connectionIds` / `at most 50 ids per batch`. */
export function issuesOf(error: z.ZodError, target: Target): Array<{ field: string; rule: string }> {
  return error.issues.map((issue) => {
    let path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') path = [path, ...issue.keys].filter(Boolean).join('.');
    return { field: path || `(${TARGET_NAME[target]})`, rule: issue.message };
  });
}

/** @hono/zod-validator with our hook: a failed parse throws RequestValidationError (→ 400 naming field and rule). */
export function validate(target: Target, schema: z.ZodType): MiddlewareHandler<ApiEnv> {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new RequestValidationError(issuesOf(result.error as z.ZodError, target));
  }) as unknown as MiddlewareHandler<ApiEnv>;
}
