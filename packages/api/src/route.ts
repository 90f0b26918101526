import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { type Access, requireRole } from './auth/require-role.ts';
import type { ApiDeps, ApiEnv } from './deps.ts';
import { UnsupportedMediaTypeError } from './errors/api-errors.ts';
import { validate } from './validation.ts';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** @default 'application/json' */
  contentType?: string;
  /** Other media types the same status may carry (documented as a string body), e.g. 'text/event-stream'. */
  alsoContentTypes?: string[];
}

/** One operation: how it is routed, who may call it, and the schemas that validate it and document it. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Hono path template (`/api/settings/connections/:id`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The body may be left out entirely (actions with an optional `version`). @default false */
  bodyOptional?: boolean;
  responses: Record<number, ResponseSpec>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export type RouteHandler<P, Q, B> = (
  c: Context<ApiEnv>,
  input: RouteInput<P, Q, B>,
  deps: ApiDeps,
) => Response | Promise<Response>;

/** A RouteSpec with its handler; `register` adds it to the app. */
export interface ApiRoute {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  register(app: Hono<ApiEnv>, deps: ApiDeps): void;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Defines an operation once: routing, auth, zod validation and the OpenAPI entry all come from `spec`. */
export function defineRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(spec: RouteSpec<P, Q, B>, handler: RouteHandler<z.output<P>, z.output<Q>, z.output<B>>): ApiRoute {
  return {
    spec: spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
    register(app, deps) {
      const chain: MiddlewareHandler<ApiEnv>[] = [
        (async (c, next) => {
          c.set('route', spec.path);
          return next();
        }) satisfies MiddlewareHandler<ApiEnv>,
        requireRole(deps.jwtSecret, spec.access, deps.verifyToken),
        ...(spec.params ? [validate('param', spec.params)] : []),
        ...(spec.query ? [validate('query', spec.query)] : []),
        ...(spec.body
          ? [
              (async (c, next) => {
                const type = c.req.header('Content-Type');
                if (type && !JSON_TYPE.test(type.split(';')[0]!.trim()))
                  throw new UnsupportedMediaTypeError(type.split(';')[0]!.trim());
                return next();
              }) satisfies MiddlewareHandler<ApiEnv>,
              spec.bodyOptional ? optionalJson(spec.body) : validate('json', spec.body),
            ]
          : []),
      ];
      app.on([spec.method.toUpperCase()], [spec.path], ...chain, (c: Context<ApiEnv>) => {
        const valid = c.req.valid.bind(c.req) as (target: string) => unknown;
        return handler(
          c,
          {
            params: (spec.params ? valid('param') : {}) as z.output<P>,
            query: (spec.query ? valid('query') : {}) as z.output<Q>,
            body: (spec.body ? valid('json') : undefined) as z.output<B>,
          },
          deps,
        );
      });
    },
  };
}

/** An optional JSON body: an empty one (even sent with a JSON Content-Type) validates as `{}`. */
function optionalJson(schema: z.ZodType): MiddlewareHandler<ApiEnv> {
  const validateBody = validate('json', schema);
  return async (c, next) => {
    if ((await c.req.text()).trim() !== '') return validateBody(c, next);
    const parsed = schema.safeParse({});
    if (!parsed.success) return validateBody(c, next);
    c.req.addValidatedData('json', parsed.data as object);
    return next();
  };
}
