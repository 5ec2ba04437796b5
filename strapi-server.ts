// Strapi loads a plugin's server entry only as JavaScript: this file is compiled to dist/strapi-server.js,
// which package.json exports as `./strapi-server`.
import plugin from './server/src';

export = plugin;
