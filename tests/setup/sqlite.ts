// setupFiles of the `sqlite` jest project: the integration suites boot Strapi on SQLite.
process.env.TEST_DB = 'sqlite';

export {};
