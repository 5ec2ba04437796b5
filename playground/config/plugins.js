const path = require('path');

module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET', 'playground-jwt-secret') } },
  // The plugin under development, loaded from the repository root.
  'usage-billing': { enabled: true, resolve: path.resolve(__dirname, '..', '..') },
});
