import type { Core } from '@strapi/strapi';
import { pluginUid } from './utils/plugin-uid';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // The account's link to a users-permissions user only makes sense when that plugin is installed;
  // without it the relation target would not exist and Strapi would refuse to boot.
  if (!strapi.plugin('users-permissions')) {
    strapi.get('content-types').extend(pluginUid('account'), (contentType: any) => {
      delete contentType.attributes.user;
      return contentType;
    });
  }
};
