import { z } from 'zod';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { withOpenApi } from './zod-openapi';

/** Who may call a route: a Strapi API token, a users-permissions JWT, either, or anyone. */
export type Caller = 'apiToken' | 'user' | 'apiTokenOrUser' | 'public';

/**
 * One example call: its request (path and query parameters, body) and the answer it gets. Its key names it
 * in the request body's, the parameters' and the answer's `examples`, so a reader (and the integration test,
 * which sends every one) can pair them.
 */
export interface Example {
  summary: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  status: number;
  response: unknown;
  /** The example shows only part of the answer (the answer contains it). */
  abridged?: boolean;
}

export interface Answer {
  description: string;
  /** The whole answer body (`{ data }` envelope or Strapi's error shape). */
  schema: z.ZodTypeAny;
  contentType?: string;
}

/** A content-API route as the document describes it. */
export interface Operation {
  method: 'get' | 'post';
  /** As Strapi declares it, under /api/usage-billing: `/holds/:holdId/release`. */
  path: string;
  /** The route's handler, whose permission action is plugin::usage-billing.<handler>. */
  handler: string;
  summary: string;
  description?: string;
  tag: string;
  caller: Caller;
  params?: z.AnyZodObject;
  query?: z.AnyZodObject;
  headers?: z.AnyZodObject;
  /** `optional`: the route also takes no body at all. */
  body?: { schema: z.ZodTypeAny; contentType?: string; description?: string; optional?: boolean };
  responses: Record<number, Answer>;
  examples: Record<string, Example>;
}

const SECURITY: Record<Caller, RouteConfig['security']> = {
  apiToken: [{ apiToken: [] }],
  user: [{ usersPermissionsJwt: [] }],
  apiTokenOrUser: [{ apiToken: [] }, { usersPermissionsJwt: [] }],
  public: [],
};

/** `/holds/:holdId/release` → `/holds/{holdId}/release` */
export const openApiPath = (strapiPath: string) => strapiPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const examplesOf = (entries: Array<[string, Example]>, pick: (example: Example) => unknown) =>
  Object.fromEntries(entries.filter(([, e]) => pick(e) !== undefined).map(([key, e]) => [key, { summary: e.summary, value: pick(e) }]));

/** Parameters with their examples attached (each field's `param.examples`, keyed by example). */
const withParamExamples = (schema: z.AnyZodObject | undefined, entries: Array<[string, Example]>, from: 'params' | 'query') => {
  if (!schema) return undefined;
  const shape = Object.fromEntries(
    Object.entries(schema.shape as z.ZodRawShape).map(([name, field]) => {
      const examples = examplesOf(entries, (e) => e[from]?.[name]);
      return [name, Object.keys(examples).length ? withOpenApi(field, { param: { examples } }) : field];
    }),
  );
  // A copy of the object with the annotated fields; its own rules (strict, etc.) kept.
  return new (schema.constructor as new (def: unknown) => z.AnyZodObject)({ ...schema._def, shape: () => shape });
};

export function registerOperation(registry: OpenAPIRegistry, prefix: string, op: Operation) {
  const entries = Object.entries(op.examples);
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, answer]) => {
      const examples = examplesOf(
        entries.filter(([, e]) => e.status === Number(status)),
        (e) => e.response,
      );
      const media = { schema: answer.schema, ...(Object.keys(examples).length ? { examples } : {}) };
      return [status, { description: answer.description, content: { [answer.contentType ?? 'application/json']: media } }];
    }),
  );
  const bodyExamples = examplesOf(entries, (e) => e.body);
  registry.registerPath({
    method: op.method,
    path: `${prefix}${openApiPath(op.path)}`,
    operationId: op.handler.replace(/\.(\w)/, (_, c: string) => c.toUpperCase()),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: SECURITY[op.caller],
    'x-strapi-action': `plugin::usage-billing.${op.handler}`,
    request: {
      params: withParamExamples(op.params, entries, 'params'),
      query: withParamExamples(op.query, entries, 'query'),
      headers: op.headers,
      ...(op.body
        ? {
            body: {
              required: !op.body.optional,
              ...(op.body.description ? { description: op.body.description } : {}),
              content: {
                [op.body.contentType ?? 'application/json']: {
                  schema: op.body.schema,
                  ...(Object.keys(bodyExamples).length ? { examples: bodyExamples } : {}),
                },
              },
            },
          }
        : {}),
    },
    responses,
  });
}
