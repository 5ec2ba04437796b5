import { openApiDocument } from '../openapi';
import { DEFAULT_API_PREFIX } from '../openapi/document';

/** GET /api/usage-billing/openapi.json: the OpenAPI 3.1 document of the content API (server/src/openapi). */
export default {
  async document(ctx: any) {
    ctx.body = openApiDocument(strapi.config.get('api.rest.prefix', DEFAULT_API_PREFIX) as string);
  },
};
