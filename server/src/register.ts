import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../contracts/plugin';
import { pluginUid } from './utils/plugin-uid';
import { captureWebhookBody } from './middlewares/webhook-raw-body';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // In register(), not bootstrap(): it must run before the app's body parser (see the middleware).
  strapi.server.use(captureWebhookBody(strapi));

  // The account's link to a users-permissions user only makes sense when that plugin is installed;
  // without it the relation target would not exist and Strapi would refuse to boot.
  if (!strapi.plugin('users-permissions')) {
    strapi.get('content-types').extend(pluginUid('account'), (contentType: any) => {
      delete contentType.attributes.user;
      return contentType;
    });
  }

  // Billing history is not edited or read around the plugin's own routes: with the GraphQL plugin in the
  // app, none of our content types gets a generated schema, query or mutation.
  const graphql = strapi.plugin('graphql');
  if (graphql) {
    const extension = graphql.service('extension');
    for (const uid of Object.keys(strapi.plugin(PLUGIN_ID).contentTypes ?? {})) extension.shadowCRUD(pluginUid(uid)).disable();
  }
};
