// Types of `strapi-plugin-usage-billing/client` for TypeScript's legacy "moduleResolution": "node", which
// ignores package.json "exports" and looks for <package>/client/index.d.ts. node16/nodenext/bundler use the
// export's "types" directly. Shipped through package.json "files".
export * from '../dist/client/types/client/src/index';
