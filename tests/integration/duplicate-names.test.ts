// A name that is taken (a model's price, a tool price, a multiplier, a plan, a chosen code) is refused the
// same way everywhere: 409 ConflictError naming the field in Strapi's field-error list, with the entry
// that has the name (its id and stored name) so the admin can open it; nothing is written.
import { bootForTests } from '../helpers/boot';
import { adminPost, adminPut, gatewaySuite } from '../helpers/metering';
import { createPlan } from '../helpers/plans';

const ctx = bootForTests();

const rowCount = async (table: string) => Number((await ctx.strapi.db.connection(table).count({ c: '*' }))[0].c);
const idOf = async (table: string, where: Record<string, string>) => Number((await ctx.strapi.db.connection(table).where(where).first('id')).id);

/** The 409 every taken name answers: the field in the error list and the entry that has it. */
const expectDuplicate = (res: { status: number; body: any }, field: string, existing: { id: number; name: string }) => {
  expect(res.status).toBe(409);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({
    status: 409,
    name: 'ConflictError',
    details: { field, existing, errors: [{ path: [field], name: 'DuplicateName', message: res.body.error.message }] },
  });
};

describe(`duplicate names (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage' });

  test('a model that has a price: 409 on `model` with the existing price', async () => {
    const price = { model: 'dup-model', mode: 'per_call', perCall: '0.02' };
    expect((await adminPost(ctx, suite.admin, '/model-prices', price)).status).toBe(201);
    const id = await idOf('ub_model_prices', { model: 'dup-model' });
    const before = await rowCount('ub_model_prices');
    const res = await adminPost(ctx, suite.admin, '/model-prices', { ...price, perCall: '0.03' });
    expectDuplicate(res, 'model', { id, name: 'dup-model' });
    expect(res.body.error.details.model).toBe('dup-model');
    expect(await rowCount('ub_model_prices')).toBe(before);
    // The existing price is untouched: still its first version, still 0.02 per call.
    const kept = await ctx.strapi.db.connection('ub_model_prices').where({ id }).first('version', 'prices');
    expect(Number(kept.version)).toBe(1);
    expect(JSON.stringify(kept.prices)).toContain('0.02');
  });

  test('a tool price and a multiplier: 409 on `tool` and on `name`', async () => {
    expect((await adminPost(ctx, suite.admin, '/tool-prices', { tool: 'dup_search', perCall: '0.01' })).status).toBe(201);
    const tool = await adminPost(ctx, suite.admin, '/tool-prices', { tool: 'dup_search', perCall: '0.05' });
    expectDuplicate(tool, 'tool', { id: await idOf('ub_tool_prices', { tool: 'dup_search' }), name: 'dup_search' });

    expect((await adminPost(ctx, suite.admin, '/multipliers', { name: 'dup-tier', factor: '2' })).status).toBe(201);
    const before = await rowCount('ub_service_multipliers');
    const multiplier = await adminPost(ctx, suite.admin, '/multipliers', { name: 'dup-tier', factor: '3' });
    expectDuplicate(multiplier, 'name', { id: await idOf('ub_service_multipliers', { name: 'dup-tier' }), name: 'dup-tier' });
    expect(await rowCount('ub_service_multipliers')).toBe(before);
  });

  test('a plan: its name in any case, on create and on rename; renaming a plan to its own name is fine', async () => {
    const pro = await createPlan(ctx, suite.admin, { name: 'Dup Pro' });
    const before = await rowCount('ub_plans');
    const res = await adminPost(ctx, suite.admin, '/plans', { name: 'dup pro', price: '1', interval: 'monthly', periodCredit: '1' });
    expectDuplicate(res, 'name', { id: pro.id, name: 'Dup Pro' });
    expect(await rowCount('ub_plans')).toBe(before);

    const other = await createPlan(ctx, suite.admin, { name: 'Dup Basic' });
    const rename = await adminPut(ctx, suite.admin, `/plans/${other.id}`, { name: 'DUP PRO' });
    expectDuplicate(rename, 'name', { id: pro.id, name: 'Dup Pro' });
    expect((await ctx.strapi.db.connection('ub_plans').where({ id: other.id }).first('name')).name).toBe('Dup Basic');
    expect((await adminPut(ctx, suite.admin, `/plans/${pro.id}`, { name: 'Dup Pro', price: '2' })).status).toBe(200);
  });

  test('a chosen code: 409 on `code` with the existing code as stored (case and dashes ignored)', async () => {
    expect((await adminPost(ctx, suite.admin, '/codes', { mode: 'usage', amount: '1', code: 'DUP-SPRING' })).status).toBe(201);
    const id = await idOf('ub_codes', { code: 'DUP-SPRING' });
    const before = await rowCount('ub_codes');
    const res = await adminPost(ctx, suite.admin, '/codes', { mode: 'usage', amount: '1', code: 'dupspring' });
    expectDuplicate(res, 'code', { id, name: 'DUP-SPRING' });
    expect(await rowCount('ub_codes')).toBe(before);
  });
});
