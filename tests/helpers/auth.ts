// Admin users and API tokens for integration tests, created through Strapi's own services.
import request from 'supertest';
import type { Core } from '@strapi/strapi';

let adminCounter = 0;

/** Creates an admin with the given role code (default super admin) and returns its JWT. */
export async function adminToken(strapi: Core.Strapi, { roleCode = 'strapi-super-admin' }: { roleCode?: string } = {}): Promise<string> {
  adminCounter += 1;
  const email = `admin${adminCounter}-${process.pid}@example.com`;
  const password = 'Billing-Test-1234';
  const role: { id: number } | null = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: role ? [role.id] : [],
  });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

/** An admin role holding only the given plugin actions (e.g. ['logs.read']), and a JWT of an admin in it. */
export async function limitedAdminToken(strapi: Core.Strapi, actions: string[]): Promise<string> {
  const roleService = strapi.service('admin::role');
  const role: { id: number; code: string } = await roleService.create({ name: `limited-${Date.now()}-${Math.random()}`, description: 'test' });
  await roleService.assignPermissions(
    role.id,
    actions.map((a) => ({ action: `plugin::usage-billing.${a}`, subject: null, properties: {}, conditions: [] })),
  );
  return adminToken(strapi, { roleCode: role.code });
}

/** A custom API token limited to the given actions, e.g. ['gateway.usage']; returns the access key. */
export async function apiToken(strapi: Core.Strapi, actions: string[], name = `gateway-${Date.now()}-${Math.random()}`): Promise<string> {
  const token: { accessKey: string } = await strapi.service('admin::api-token').create({
    name,
    type: 'custom',
    lifespan: null,
    permissions: actions.map((a) => (a.includes('::') ? a : `plugin::usage-billing.${a}`)),
  });
  return token.accessKey;
}
