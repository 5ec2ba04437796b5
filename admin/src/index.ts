import { PriceTag } from '@strapi/icons';

import { BASE_PATH, PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './permissions';
import { prefixPluginTranslations } from './utils/prefixTranslations';

import type { StrapiApp } from '@strapi/strapi/admin';

type TranslationModule = { default: Record<string, string> };

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: BASE_PATH.slice(1),
      icon: PriceTag,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Billing' },
      Component: () => import('./pages/App'),
      permissions: PERMISSIONS.menu,
    });

    app.registerPlugin({ id: PLUGIN_ID, name: 'Usage Billing' });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixPluginTranslations(data, PLUGIN_ID), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
