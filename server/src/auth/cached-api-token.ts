import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../../../contracts/plugin';
import { pluginUid } from '../utils/plugin-uid';

const { UnauthorizedError, ForbiddenError } = errors;

/**
 * The name this strategy authenticates under (ctx.state.auth.strategy.name). Policies that accept "an API
 * token" accept it beside Strapi's own `content-api-token`.
 */
export const CACHED_API_TOKEN_STRATEGY = `${PLUGIN_ID}-api-token`;

/** How long a verified token is trusted without reading it again, unless plugin config says otherwise. */
export const DEFAULT_API_TOKEN_CACHE_SECONDS = 5;

/** A content-API token as Strapi's api-token service returns it (the fields authentication reads). */
interface ApiToken {
  id: number;
  kind?: string | null;
  type: 'read-only' | 'full-access' | 'custom';
  expiresAt?: string | Date | null;
  lastUsedAt?: string | Date | null;
  permissions?: string[];
}

/** A content-API permission engine ability (`can(action)`). */
interface Ability {
  can(action: string): boolean;
}

interface Verified {
  token: ApiToken;
  ability: Ability | null;
  /** Epoch ms until which the token is trusted without reading it again. */
  until: number;
}

interface TokenCache {
  entries: Map<string, Verified>;
  /** Bumped on every change to a token or its permissions: a read that raced with a change is not kept. */
  generation: number;
}

// Several Strapi instances may live in one process (tests): each has its own cache.
const caches = new WeakMap<Core.Strapi, TokenCache>();
const cacheOf = (strapi: Core.Strapi): TokenCache => {
  let cache = caches.get(strapi);
  if (!cache) caches.set(strapi, (cache = { entries: new Map(), generation: 0 }));
  return cache;
};

/** Forgets every verified token of this instance (a token or its permissions changed). */
export const forgetApiTokens = (strapi: Core.Strapi) => {
  const cache = cacheOf(strapi);
  cache.generation += 1;
  cache.entries.clear();
};

// The models whose changes end a cached verification: tokens (revoked, regenerated, retyped, renamed) and
// their content-API permissions (an action added or taken away).
const TOKEN_MODELS = ['admin::api-token', 'admin::api-token-permission'];
const CHANGES = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

/**
 * Subscribes to Strapi's database lifecycles of API tokens and their permissions: any change on this instance
 * empties its cache at once. Other instances see it when their entry expires (the TTL). Returns the
 * unsubscribe function.
 */
export const watchApiTokens = (strapi: Core.Strapi): (() => void) => {
  const forget = () => forgetApiTokens(strapi);
  const subscriber: Record<string, unknown> = { models: TOKEN_MODELS };
  for (const change of CHANGES) subscriber[change] = forget;
  return strapi.db.lifecycles.subscribe(subscriber as any) as unknown as () => void;
};

/** `Authorization: Bearer <key>` → key, as Strapi's own strategy reads it; null otherwise. */
const bearer = (ctx: any): string | null => {
  const header: string | undefined = ctx.request?.header?.authorization;
  if (!header) return null;
  const parts = header.split(/\s+/);
  return parts[0].toLowerCase() === 'bearer' && parts.length === 2 ? parts[1] : null;
};

const expiryError = (token: ApiToken) =>
  token.expiresAt !== null && token.expiresAt !== undefined && new Date(token.expiresAt) < new Date() ? new UnauthorizedError('Token expired') : null;

const tokenService = (strapi: Core.Strapi): any => {
  // Strapi ≥ 5.40 names it api-token-content-api; `api-token` is the older (still aliased) name.
  try {
    return strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  } catch {
    return strapi.service('admin::api-token');
  }
};

const ttlMs = (strapi: Core.Strapi) => 1000 * (strapi.config.get(pluginUid('apiTokenCacheSeconds'), DEFAULT_API_TOKEN_CACHE_SECONDS) as number);

/** What Strapi's own strategy does on every request, done here only when the cache misses. */
async function verifyFromDatabase(strapi: Core.Strapi, service: any, hash: string): Promise<Verified | null> {
  const token: ApiToken | null = await service.getByAccessKey(hash);
  // Tokens without a kind predate admin tokens and are content-API tokens.
  if (!token || (token.kind !== undefined && token.kind !== null && token.kind !== 'content-api')) return null;
  if (!expiryError(token)) {
    // Strapi records use at most once an hour; so does this (an entry is re-read at least every TTL).
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() >= 3600_000) {
      // Written past the query layer: its update lifecycle would tell watchApiTokens the token changed and
      // empty the cache this very read is about to fill.
      const meta: any = strapi.db.metadata.get('admin::api-token');
      await strapi.db.connection(meta.tableName).where({ id: token.id }).update({ [meta.attributes.lastUsedAt?.columnName ?? 'last_used_at']: now });
      token.lastUsedAt = now;
    }
  }
  const ability: Ability | null =
    token.type === 'custom'
      ? await (strapi as any).contentAPI.permissions.engine.generateAbility((token.permissions ?? []).map((action) => ({ action })))
      : null;
  return { token, ability, until: Date.now() + ttlMs(strapi) };
}

/**
 * Strapi's content-API token authentication (same answers: 401 for a missing, unknown or expired token,
 * 403 for a token without the route's action), with the verified token and its permission ability kept
 * in memory for `apiTokenCacheSeconds` (5 s by default), keyed by the token's salted hash. Strapi's own
 * strategy reads the token and its relations from the database on every request (4 queries); this one once
 * per TTL. A change to a token or its permissions on this instance empties the cache at once (database
 * lifecycles, see watchApiTokens); on other instances it applies when their entry expires. Expiry is checked
 * on every request against the cached expiry date. Used by this plugin's own content-API routes only.
 */
export const cachedApiTokenStrategy = {
  name: CACHED_API_TOKEN_STRATEGY,

  async authenticate(ctx: any) {
    const key = bearer(ctx);
    if (key === null) return { authenticated: false };
    const service = tokenService(strapi);
    const hash: string = service.hash(key);
    const cache = cacheOf(strapi);
    let entry = cache.entries.get(hash);
    if (!entry || entry.until <= Date.now()) {
      const generation = cache.generation;
      const verified = await verifyFromDatabase(strapi, service, hash);
      if (!verified) {
        cache.entries.delete(hash);
        return { authenticated: false };
      }
      entry = verified;
      if (generation === cache.generation && entry.until > Date.now()) cache.entries.set(hash, entry);
    }
    const expired = expiryError(entry.token);
    if (expired) return { authenticated: false, error: expired };
    return { authenticated: true, credentials: entry.token, ability: entry.ability };
  },

  /** Strapi's own verify: full access passes, read-only for find/findOne scopes, custom by its actions. */
  verify(auth: { credentials?: ApiToken; ability?: Ability | null }, config: { scope?: string | string[] }) {
    const { credentials: token, ability } = auth;
    if (!token) throw new UnauthorizedError('Token not found');
    const expired = expiryError(token);
    if (expired) throw expired;
    if (token.type === 'full-access') return;
    const scopes = config.scope === undefined ? [] : Array.isArray(config.scope) ? config.scope : [config.scope];
    if (token.type === 'read-only') {
      if (config.scope && scopes.every((scope) => scope.endsWith('find') || scope.endsWith('findOne'))) return;
    } else if (token.type === 'custom') {
      if (!ability) throw new ForbiddenError();
      if (scopes.every((scope) => ability.can(scope))) return;
    }
    throw new ForbiddenError();
  },
};
