/** `{ key: text }` → `{ 'usage-billing.key': text }`, as registerTrads must return. */
export const prefixPluginTranslations = (trad: Record<string, string>, pluginId: string): Record<string, string> =>
  Object.fromEntries(Object.entries(trad).map(([key, value]) => [`${pluginId}.${key}`, value]));
