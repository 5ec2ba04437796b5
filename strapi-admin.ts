// Admin entry of the plugin: package.json exports `./strapi-admin` as this TypeScript source, which the
// Strapi admin bundler compiles together with the host app's admin panel.
export { default } from './admin/src';
