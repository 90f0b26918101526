import { z } from 'zod';
import type { ApiRoute } from '../route.ts';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json['$schema'];
  return json;
}

/** Query or path parameters from a zod object schema. */
function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, propSchema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof propSchema['description'] === 'string' ? { description: propSchema['description'] } : {}),
    schema: propSchema,
  }));
}

/** `/a/:id/b` → `/a/{id}/b`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** The OpenAPI 3.1 document, generated from the same route specs and zod schemas that validate requests. */
export function buildOpenApiDocument(
  routes: readonly ApiRoute[],
  options: { version?: string } = {},
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { spec } of routes) {
    const path = openApiPath(spec.path);
    paths[path] ??= {};
    const responses: Record<string, JsonSchema> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      const also = Object.fromEntries(
        (response.alsoContentTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]),
      );
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [response.contentType ?? 'application/json']: { schema: toSchema(response.schema, 'output') },
                ...also,
              },
            }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.access === 'public' ? { security: [] } : {}),
      'x-required-role':
        spec.access === 'admin' ? 'admin' : spec.access === 'viewer' ? 'viewer or admin' : 'none',
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      ...(spec.body
        ? {
            requestBody: {
              required: !spec.bodyOptional,
              content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CTS API',
      version: options.version ?? '0.1.0',
      description:
        'Keeps crypto-exchange API connections tested, rate-limited and healthy. Authenticate with ' +
        '`Authorization: Bearer <JWT>` (HS256; role viewer reads, role admin changes and tests).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    tags: [
      { name: 'connections', description: 'Exchange connections and their state' },
      { name: 'batches', description: 'Testing many connections' },
      { name: 'health', description: 'Health metrics' },
      { name: 'system', description: 'System status' },
      {
        name: 'alerts',
        description: 'Alert channels (webhook, Slack, Discord, Telegram, ntfy) and deliveries',
      },
    ],
    paths,
  };
}
