// setupFiles of the `postgres` and `concurrency` jest projects: Strapi boots on PostgreSQL.
process.env.TEST_DB = 'postgres';

export {};
