import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { PLUGIN_ID } from '../../../contracts/plugin';
import { registerOperation, type Operation } from './operation';
import { accountOperations } from './paths/accounts';
import { documentOperations } from './paths/document';
import { gatewayOperations } from './paths/gateway';
import { webhookOperations } from './paths/webhooks';
import { withZodOpenApi } from './zod-openapi';

/** The document as zod-to-openapi types it. */
export type OpenAPIObject = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Every content-API route the document describes, in its order. */
export const OPERATIONS: Operation[] = [...gatewayOperations, ...accountOperations, ...webhookOperations, ...documentOperations];

/** Strapi's default content-API prefix (`api.rest.prefix`): the committed docs/openapi.json uses it. */
export const DEFAULT_API_PREFIX = '/api';

/** The OpenAPI 3.1 document of the plugin's content API, its paths under `<apiPrefix>/usage-billing`. */
export function buildOpenApiDocument(apiPrefix = DEFAULT_API_PREFIX): OpenAPIObject {
  return withZodOpenApi(() => {
    const registry = new OpenAPIRegistry();
    registry.registerComponent('securitySchemes', 'apiToken', {
      type: 'http',
      scheme: 'bearer',
      description: 'A Strapi API token whose permissions include the route\'s action (x-strapi-action).',
    });
    registry.registerComponent('securitySchemes', 'usersPermissionsJwt', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A users-permissions JWT (a logged-in end user), on their own account only.',
    });
    for (const operation of OPERATIONS) registerOperation(registry, `${apiPrefix}/${PLUGIN_ID}`, operation);
    return new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Usage Billing content API',
        version: '1',
        description:
          'The content-API routes of the Strapi plugin strapi-plugin-usage-billing: what gateways, platform back ends, end users and payment providers call. Amounts are decimal strings, never JSON numbers. Errors have Strapi\'s shape { data: null, error: { status, name, message, details } }. Each example is true in the state described in docs/api.md (OpenAPI document).',
      },
      tags: [
        { name: 'Gateway', description: 'API token only: authorize, report usage, quote, holds, models.' },
        { name: 'Accounts', description: 'A user\'s account: by the platform\'s back end (API token) or the user (JWT).' },
        { name: 'Webhooks', description: 'Payment providers, authenticated by their signatures.' },
        { name: 'Documentation', description: 'This document.' },
      ],
    });
  });
}
