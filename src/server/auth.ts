/**
 * API keys with roles. A key is `sl_<id>_<secret>`; only a salted sha256 of the 256-bit random secret
 * is stored (a slow KDF buys nothing for a random secret and would cost every request). Keys are
 * printed once, when created.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../review/schema.ts';
import { SightlineError } from '../errors.ts';

export const ROLES = ['viewer', 'analyst', 'reviewer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, for the docs page and `keys create --help`. */
export const ROLE_HELP: Record<Role, string> = {
  viewer: 'read: match, search, entities, jobs, results, reports, audit trail',
  analyst: 'viewer + upload files and run screenings',
  reviewer: 'analyst + decide hits (confirm, dismiss, escalate); with four-eyes on, a decision is proposed',
  approver: "reviewer + approve or reject another reviewer's proposed decision (four-eyes)",
  admin: 'approver + update lists and manage keys',
};

export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** True for the implicit admin of a loopback server without keys. */
  local?: boolean;
}

export const LOCAL_ADMIN: Principal = { id: 'local', name: 'local user', role: 'admin', local: true };

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The key from `Authorization: Bearer|ApiKey <key>` or `X-API-Key`. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^(?:Bearer|ApiKey|Token)\s+(\S+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  const x = headers['x-api-key'];
  return typeof x === 'string' && x.trim() ? x.trim() : undefined;
}

function digest(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update(':').update(secret).digest('hex');
}

const KEY_RE = /^sl_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;
const CACHE_MS = 30_000;

export class ApiKeys {
  private cache = new Map<string, { principal: Principal | undefined; until: number }>();
  private countCache: { n: number; until: number } | undefined;

  constructor(private readonly db: Kysely<ServerDatabase>) {}

  async create(name: string, role: Role): Promise<{ key: string; id: string; name: string; role: Role }> {
    if (!isRole(role)) throw new SightlineError('USAGE', `role must be one of ${ROLES.join(', ')}`);
    const label = name.trim();
    if (!label || label.length > 100) throw new SightlineError('USAGE', 'key name must be 1–100 characters');
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    await this.db
      .insertInto('api_keys')
      .values({ id, name: label, role, salt, hash: digest(salt, secret), created_at: new Date().toISOString(), revoked_at: null })
      .execute();
    this.countCache = undefined;
    return { key: `sl_${id}_${secret}`, id, name: label, role };
  }

  async verify(key: string): Promise<Principal | undefined> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.principal;
    const principal = await this.lookup(key);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { principal, until: now + CACHE_MS });
    return principal;
  }

  private async lookup(key: string): Promise<Principal | undefined> {
    const m = KEY_RE.exec(key);
    if (!m) return undefined;
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', m[1]).executeTakeFirst();
    if (!row || row.revoked_at || !isRole(row.role)) return undefined;
    const a = Buffer.from(digest(row.salt, m[2]), 'hex');
    const b = Buffer.from(row.hash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? { id: row.id, name: row.name, role: row.role } : undefined;
  }

  /** Number of active keys (cached briefly: it decides whether a loopback server requires keys). */
  async count(): Promise<number> {
    const now = Date.now();
    if (this.countCache && this.countCache.until > now) return this.countCache.n;
    const row = await this.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    this.countCache = { n: Number(row.n), until: now + 5000 };
    return this.countCache.n;
  }

  async list(): Promise<{ id: string; name: string; role: string; createdAt: string; revokedAt?: string }[]> {
    const rows = await this.db.selectFrom('api_keys').select(['id', 'name', 'role', 'created_at', 'revoked_at']).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at ?? undefined }));
  }

  async revoke(id: string): Promise<boolean> {
    const res = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    this.cache.clear();
    this.countCache = undefined;
    return Number(res.numUpdatedRows) > 0;
  }
}
