// /me on the very first boot of a brand-new database, in an app laid out like a default Strapi project
// (config/plugins.js declares only usage-billing, users-permissions is merely installed): there Strapi
// bootstraps usage-billing before users-permissions has created its roles. Then a restart: the grant is
// made once and never again after an administrator removed it.
import type { Core } from '@strapi/strapi';
import { installedAppCopy, prepareDatabase, startStrapi } from '../helpers/boot';
import { contentGet, registerUser } from '../helpers/metering';

const ME_ACTIONS = [
  'plugin::usage-billing.account.me',
  'plugin::usage-billing.account.meUsage',
  'plugin::usage-billing.account.meRedeem',
  'plugin::usage-billing.account.meCheckout',
];

describe(`/me on a brand-new database (${process.env.TEST_DB})`, () => {
  let app: ReturnType<typeof installedAppCopy>;
  let db: Awaited<ReturnType<typeof prepareDatabase>>;
  /** The instance booted last, until it is destroyed. */
  let strapi: Core.Strapi | undefined;
  beforeAll(async () => {
    app = installedAppCopy();
    db = await prepareDatabase(process.env.TEST_DB || 'sqlite');
  });
  afterAll(async () => {
    if (strapi) await strapi.destroy();
    await db?.cleanup();
    app?.cleanup();
  }, 60000);

  const boot = async () => {
    const booted = await startStrapi({ dbEnv: db.env, appDir: app.appDir });
    strapi = booted;
    return { strapi: booted, server: booted.server.httpServer };
  };
  const authenticatedActions = async (instance: Core.Strapi): Promise<string[]> => {
    const role = await instance.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const permissions: { action: string }[] = await instance.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
    return permissions.map((p) => p.action);
  };

  test('first boot: a newly registered user reads /me and /me/usage at once (200)', async () => {
    const ctx = await boot();
    // usage-billing really did bootstrap first here: the roles came later, from users-permissions.
    const plugins = Object.keys(ctx.strapi.plugins);
    expect(plugins.indexOf('usage-billing')).toBeLessThan(plugins.indexOf('users-permissions'));
    const { jwt, user } = await registerUser(ctx);
    const me = await contentGet(ctx, jwt, '/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ userId: String(user.id), mode: 'usage', balance: '0', usage: { calls: '0', cost: '0' } });
    const usage = await contentGet(ctx, jwt, '/me/usage');
    expect(usage.status).toBe(200);
    expect(usage.body.data.points).toEqual([]);
    // users-permissions' own defaults were seeded as usual next to ours (register worked, users/me too).
    expect(await authenticatedActions(ctx.strapi)).toEqual(expect.arrayContaining([...ME_ACTIONS, 'plugin::users-permissions.user.me']));
  });

  test('restart after an administrator revoked the actions: they stay revoked', async () => {
    const first = strapi!;
    await first.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: { $in: ME_ACTIONS } } });
    await first.destroy();
    strapi = undefined;
    const ctx = await boot();
    const actions = await authenticatedActions(ctx.strapi);
    for (const action of ME_ACTIONS) expect(actions).not.toContain(action);
    const { jwt } = await registerUser(ctx);
    expect((await contentGet(ctx, jwt, '/me')).status).toBe(403);
  });

  /** The plugin store's record of the actions granted so far. */
  const grantedStore = (instance: Core.Strapi) => instance.store({ type: 'plugin', name: 'usage-billing', key: 'me-routes-granted' });

  test('an action added by a later version is granted on the next boot; those granted before stay as the admin left them', async () => {
    const first = strapi!;
    // As if the installed version had only known account.me: meUsage, meRedeem and meCheckout are new to it.
    await grantedStore(first).set({ value: ['account.me'] });
    await first.destroy();
    strapi = undefined;
    const ctx = await boot();
    const actions = await authenticatedActions(ctx.strapi);
    expect(actions).toEqual(expect.arrayContaining(ME_ACTIONS.slice(1)));
    expect(actions).not.toContain('plugin::usage-billing.account.me');
    expect(await grantedStore(ctx.strapi).get({})).toEqual(['account.me', 'account.meUsage', 'account.meRedeem', 'account.meCheckout']);
  });

  test('the flag of versions before the list (true) stands for the first two actions: only the later ones (/me/redeem, /me/checkout) are granted', async () => {
    const first = strapi!;
    await first.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: { $in: ME_ACTIONS } } });
    await grantedStore(first).set({ value: true });
    await first.destroy();
    strapi = undefined;
    const ctx = await boot();
    const actions = await authenticatedActions(ctx.strapi);
    for (const action of ME_ACTIONS.slice(0, 2)) expect(actions).not.toContain(action);
    expect(actions).toEqual(expect.arrayContaining(ME_ACTIONS.slice(2)));
  });
});
