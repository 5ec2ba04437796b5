import { buildOpenApiDocument, type OpenAPIObject } from './document';

export { buildOpenApiDocument, OPERATIONS, DEFAULT_API_PREFIX } from './document';

const built = new Map<string, OpenAPIObject>();

/** The document for the app's content-API prefix, built on first use and kept (it depends on the code only). */
export function openApiDocument(apiPrefix: string): OpenAPIObject {
  let document = built.get(apiPrefix);
  if (!document) {
    document = buildOpenApiDocument(apiPrefix);
    built.set(apiPrefix, document);
  }
  return document;
}
