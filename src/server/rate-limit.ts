/**
 * Rate limit per client (API key, else address) through @fastify/rate-limit: `burst` requests per
 * window of `burst / perSecond` seconds, so a client may send `burst` at once and `perSecond` on
 * average. Clients live in an LRU cache: an address sweep evicts the idlest clients, not everyone's
 * count, and IPv6 addresses count per /64, so one host cannot mint fresh addresses to escape it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 200 };
/** Clients remembered at once (LRU). */
const CLIENTS = 100_000;

/** The client a request counts against: its key, or for the implicit local admin its address. */
function clientOf(req: FastifyRequest): string {
  return req.principal && !req.principal.local ? `key:${req.principal.id}` : `ip:${normalizeIP(req.ip)}`;
}

/**
 * Registers the plugin without its global hook (public routes are not limited, and the client is
 * known only after authentication) and returns the check the auth hook calls: 0 when the request may
 * go on, else the seconds to wait (for Retry-After).
 */
export async function rateLimiter(app: FastifyInstance, o: RateLimitOptions): Promise<(req: FastifyRequest) => Promise<number>> {
  await app.register(rateLimit, {
    global: false,
    cache: CLIENTS,
    max: Math.max(1, Math.round(o.burst)),
    timeWindow: Math.max(1, Math.round((o.burst / o.perSecond) * 1000)),
    keyGenerator: clientOf,
  });
  // Options given here rather than to createRateLimit: a limiter with its own options gets a store without `cache`.
  const check = app.createRateLimit();
  return async (req) => {
    const limit = await check(req);
    if (limit.isAllowed || !limit.isExceeded) return 0;
    return Math.max(1, limit.ttlInSeconds);
  };
}
