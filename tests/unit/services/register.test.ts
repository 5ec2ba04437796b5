// register(): with the GraphQL plugin in the app, every content type of the plugin is kept out of its schema;
// the webhooks' raw-body capture is added to the server there, before the app's body parser.
import type { Core } from '@strapi/strapi';
import register from '../../../server/src/register';
import contentTypes from '../../../server/src/content-types';

test('with GraphQL installed, shadow CRUD is disabled for every content type of the plugin', () => {
  const disabled: string[] = [];
  const middlewares: unknown[] = [];
  const strapi = {
    server: { use: (middleware: unknown) => middlewares.push(middleware) },
    config: { get: (_key: string, fallback: unknown) => fallback },
    plugin: (name: string) => {
      if (name === 'users-permissions') return {};
      if (name === 'graphql') return { service: () => ({ shadowCRUD: (uid: string) => ({ disable: () => disabled.push(uid) }) }) };
      if (name === 'usage-billing') return { contentTypes };
      return undefined;
    },
  } as unknown as Core.Strapi;
  register({ strapi });
  expect(disabled.sort()).toEqual(Object.keys(contentTypes).map((name) => `plugin::usage-billing.${name}`).sort());
  expect(disabled).toContain('plugin::usage-billing.ledger-entry');
  expect(middlewares).toHaveLength(1);
});
