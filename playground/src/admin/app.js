// Admin customisation of the playground: offer the plugin's Simplified Chinese translation too.
export default {
  config: { locales: ['zh-Hans'] },
  bootstrap() {},
};
