import { PriceTag } from '@strapi/icons';

import { BASE_PATH, PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './permissions';
import { prefixPluginTranslations } from './utils/prefixTranslations';

import type { StrapiApp } from '@strapi/strapi/admin';

type TranslationModule = { default: Record<string, string> };

// One loader per shipped locale, each a literal import path: the bundler turns every one into a chunk of
// the compiled admin, so the host's production build serves them. (A template path such as
// `./translations/${locale}.json` stays a runtime request to /admin/translations/<locale>.json there.)
const TRANSLATIONS: Record<string, () => Promise<TranslationModule>> = {
  en: () => import('./translations/en.json'),
  'zh-Hans': () => import('./translations/zh-Hans.json'),
};

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
        const load = TRANSLATIONS[locale];
        if (!load) return { data: {}, locale };
        const { default: data } = await load();
        return { data: prefixPluginTranslations(data, PLUGIN_ID), locale };
      }),
    );
  },
};
