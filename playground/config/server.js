module.exports = ({ env }) => ({
  // This machine only unless HOST says otherwise.
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS', ['playground-key-a', 'playground-key-b']) },
});
