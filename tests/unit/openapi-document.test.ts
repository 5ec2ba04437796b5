// The OpenAPI document built from the source (server/src/openapi): the committed docs/openapi.json must be
// exactly what the code generates (`npm run openapi` rewrites it), building it leaves the app's zod as it
// was, and the examples agree with the schemas they illustrate.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OPERATIONS, buildOpenApiDocument } from '../../server/src/openapi';

const { render } = require('../../scripts/openapi.js') as { render: (document: unknown) => string };

const COMMITTED = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');

describe('OpenAPI document', () => {
  test('docs/openapi.json is what the code generates (run `npm run openapi` after changing a route, schema or example)', () => {
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(render(buildOpenApiDocument()));
  });

  test("building it leaves zod's prototypes exactly as they were", () => {
    const proto = z.ZodType.prototype as unknown as Record<string, unknown>;
    const objectProto = z.ZodObject.prototype as unknown as Record<string, unknown>;
    const before = { optional: proto.optional, nullable: proto.nullable, refine: proto.refine, pick: objectProto.pick, omit: objectProto.omit };
    buildOpenApiDocument('/somewhere-else');
    expect('openapi' in proto).toBe(false);
    expect({ optional: proto.optional, nullable: proto.nullable, refine: proto.refine, pick: objectProto.pick, omit: objectProto.omit }).toEqual(before);
    expect(Object.keys(proto)).not.toContain('optional');
  });

  test('the paths follow the content-API prefix', () => {
    expect(Object.keys(buildOpenApiDocument('/v2').paths ?? {})).toContain('/v2/usage-billing/authorize');
  });

  test('every example answer matches the schema of its status, and every successful example request is valid', () => {
    for (const op of OPERATIONS) {
      for (const [key, example] of Object.entries(op.examples)) {
        const where = `${op.method} ${op.path} [${key}]`;
        const answer = op.responses[example.status];
        expect({ where, documented: Boolean(answer) }).toEqual({ where, documented: true });
        if (!example.abridged) expect({ where, issues: answer.schema.safeParse(example.response).error?.issues }).toEqual({ where, issues: undefined });
        if (example.status < 300 && op.body && example.body !== undefined) {
          expect({ where, issues: op.body.schema.safeParse(example.body).error?.issues }).toEqual({ where, issues: undefined });
        }
      }
    }
  });
});
