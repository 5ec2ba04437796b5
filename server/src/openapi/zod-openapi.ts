import { z } from 'zod';
import { extendZodWithOpenApi, type ZodOpenAPIMetadata } from '@asteasolutions/zod-to-openapi';

/**
 * zod-to-openapi reads a schema's OpenAPI metadata from `schema._def.openapi`. Its documented way to set
 * it, `extendZodWithOpenApi(z)`, patches zod's prototypes for good — the zod the host app shares with the
 * plugin. We leave the app's zod as it is: metadata is set on a copy of one schema (what `.openapi()` does,
 * without the prototype), and the generator, which calls `.openapi()` itself on route parameters, runs
 * inside withZodOpenApi(), which extends zod for that synchronous call only and then restores every
 * property it replaced.
 */

/** A copy of `schema` carrying OpenAPI metadata, and a component name (`refId`) when given. Parses as `schema` does. */
export function withOpenApi<T extends z.ZodTypeAny>(schema: T, metadata: ZodOpenAPIMetadata = {}, refId?: string): T {
  const previous = schema._def.openapi ?? {};
  const internal = refId ? { ...previous._internal, refId } : previous._internal;
  const Schema = schema.constructor as new (def: unknown) => T;
  return new Schema({ ...schema._def, openapi: { ...(internal ? { _internal: internal } : {}), metadata: { ...previous.metadata, ...metadata } } });
}

/** A named component of the document (`#/components/schemas/<name>`). */
export const component = <T extends z.ZodTypeAny>(name: string, schema: T, description?: string): T =>
  withOpenApi(schema, description ? { description } : {}, name);

const PATCHED = {
  type: ['openapi', 'optional', 'nullable', 'default', 'transform', 'refine'],
  object: ['deepPartial', 'pick', 'omit'],
} as const;

/** Runs `fn` with zod extended by zod-to-openapi, then puts zod's prototypes back exactly as they were. */
export function withZodOpenApi<T>(fn: () => T): T {
  const typeProto = z.ZodType.prototype as unknown as Record<string, unknown>;
  // The app already extended zod itself (its own zod-to-openapi): use it, and leave it extended.
  if (typeof typeProto.openapi !== 'undefined') return fn();
  const objectProto = z.ZodObject.prototype as unknown as Record<string, unknown>;
  const saved = [
    ...PATCHED.type.map((key) => [typeProto, key, Object.getOwnPropertyDescriptor(typeProto, key)] as const),
    ...PATCHED.object.map((key) => [objectProto, key, Object.getOwnPropertyDescriptor(objectProto, key)] as const),
  ];
  extendZodWithOpenApi(z);
  try {
    return fn();
  } finally {
    for (const [proto, key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, key, descriptor);
      else delete proto[key];
    }
  }
}
