// The rating module: pure pricing of AI model usage. No Strapi, no database, no HTTP,
// so the server, the CLI and the benchmarks all price a call the same way.
export * from './money';
export * from './types';
export * from './engine';
export * from './tiers';
export * from './pricing-file';
export * from './request';
export { jsonPath, ROOT_PATH } from './validation-errors';
