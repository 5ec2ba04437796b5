// The little of better-sqlite3 the browser tests use (reaching into the e2e server's SQLite file). Strapi
// brings the package; its types are not installed, and only this much is needed.
declare module 'better-sqlite3' {
  interface Statement {
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number };
  }
  class Database {
    constructor(filename: string);
    prepare(sql: string): Statement;
    close(): void;
  }
  export = Database;
}
