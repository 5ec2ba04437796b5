import { z } from 'zod';
import type { Operation } from '../operation';

export const documentOperations: Operation[] = [
  {
    method: 'get',
    path: '/openapi.json',
    handler: 'openapi.document',
    tag: 'Documentation',
    caller: 'public',
    summary: 'This OpenAPI 3.1 document',
    description: 'Every content-API route of the plugin, generated from the zod schemas that validate the requests. No credentials needed; it holds no secrets.',
    responses: { 200: { description: 'The document.', schema: z.object({ openapi: z.literal('3.1.0') }).passthrough() } },
    examples: { document: { summary: 'The document (abridged)', status: 200, abridged: true, response: { openapi: '3.1.0', info: { title: 'Usage Billing content API' }, paths: {} } } },
  },
];
