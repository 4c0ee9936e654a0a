/**
 * The app factory: one Fastify instance with the API, reconciliation, jobs, review and the web UI.
 * Tests call `buildApp` and `app.inject`; `startServer` (index.ts) adds the store, world and a port.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store, VersionInfo } from '../store/index.ts';
import type { MergedWorld } from '../graph/world.ts';
import type { ServerDatabase } from '../review/schema.ts';
import { type AuditLog, Proposals, ReviewStore, serverDb } from '../review/index.ts';
import { readReasonCodes } from './reason-codes.ts';
import { registerFourEyesRoutes } from './routes-four-eyes.ts';
import { registerEvidenceRoutes } from './routes-evidence.ts';
import { ApiKeys, LOCAL_ADMIN, isLoopback, keyFromHeaders, roleAtLeast } from './auth.ts';
import { DEFAULT_RATE_LIMIT, rateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { WorldHolder, snapshot } from './world-state.ts';
import { LocalJobQueue, type JobQueue } from './jobs/queue.ts';
import { PgJobQueue } from './jobs/pg-queue.ts';
import type { QueueDatabase } from './jobs/pg-tasks.ts';
import type { Kysely } from 'kysely';
import { defaultHandlers } from './jobs/handlers.ts';
import { listsUpdateHandler, scheduledUpdateJob } from './list-updates.ts';
import type { JobHandler } from './jobs/types.ts';
import type { ParseLimits } from './jobs/isolate.ts';
import './context.ts';
import type { AppContext } from './context.ts';
import { HttpError, errorHandler } from './http-errors.ts';
import { registerApiRoutes } from './routes-api.ts';
import { registerReconcileRoutes } from './routes-reconcile.ts';
import { registerJobRoutes } from './routes-jobs.ts';
import { registerListRoutes } from './routes-lists.ts';
import { registerExampleRoutes } from './routes-examples.ts';
import { registerOpenApi } from './openapi.ts';
import { registerMonitorRoutes } from './routes-monitors.ts';
import { Monitoring, monitoringHooks, type MonitoringOptions } from './monitoring.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Health, Me, Ready, Unavailable } from './schemas.ts';
import { DEFAULT_THRESHOLD, type MatchIndex } from '../match/index.ts';

export interface PgQueueSettings {
  url: string;
  /** Workers in this process (0: API only, `serve --no-worker`). */
  workers: number;
  /** Rows per chunk of a large vendor file (default CHUNK_ROWS). */
  chunkRows?: number;
  heartbeatMs?: number;
  lostAfterMs?: number;
}

export interface BuildAppOptions {
  store: Store;
  world: MergedWorld;
  versions?: VersionInfo[];
  /** Reload the world from the store (after a list update). */
  reloadWorld?: () => Promise<{ world: MergedWorld; versions: VersionInfo[]; index?: MatchIndex }>;
  /** The default match index of `world`, when already built or opened (else built here). */
  index?: MatchIndex;
  /** The address the server binds; anything beyond loopback requires API keys. Default 127.0.0.1. */
  host?: string;
  /** Requests per key/IP (`burst` at once, `perSecond` on average); `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Largest upload, bytes (default 25 MB). */
  uploadBytes?: number;
  /** Screening handlers by kind (default: the built-in and installed screening modules). */
  handlers?: Record<string, JobHandler>;
  /** What reading one upload may cost (default PARSE_LIMITS in jobs/isolate.ts: 1024 MB, 120 s). */
  parseLimits?: ParseLimits;
  /** Time for a whole request, headers and body, ms (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  concurrency?: number;
  /** PostgreSQL: jobs through graphile-worker, shared by every process on the database (see startServer). */
  queue?: PgQueueSettings;
  /** Match answers kept per world snapshot (default 20,000; 0 turns the cache off). */
  matchCache?: number;
  /** Folder with the built web UI (index.html, assets); no UI when absent. */
  webDir?: string;
  /** Folder of example files offered on the home page. */
  examplesDir?: string;
  /** Updates one list source (`sightline lists update --source NAME`); enables the Lists page's update. */
  updateLists?: AppContext['updateLists'];
  baseUrl?: string;
  /** Four-eyes decisions: a reviewer's decision is proposed, an approver resolves it (default off; SIGHTLINE_FOUR_EYES=1 or `serve --four-eyes`). */
  fourEyes?: boolean;
  logger?: boolean;
  /** Scheduled list updates and alert delivery (`serve`); without it the monitor routes work but nothing runs on its own. */
  monitoring?: MonitoringOptions;
}

/**
 * A request, headers and body, must arrive within this time, so a client trickling its body (one byte
 * every few seconds) cannot hold a connection open; 60 s carries a 25 MB upload at ~0.4 MB/s.
 */
export const REQUEST_TIMEOUT_MS = 60_000;
/** A connection silent this long is closed (a socket idle timeout; requests that keep sending are bounded by the request timeout). */
export const CONNECTION_TIMEOUT_MS = 60_000;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export async function buildApp(o: BuildAppOptions): Promise<FastifyInstance & { sightline: AppContext }> {
  const requestTimeout = o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const app = Fastify(fastifyOptions(o.logger ?? false, requestTimeout));
  const db = serverDb(o.store);
  const worlds = new WorldHolder(snapshot(o.world, o.versions ?? [], o.matchCache ?? 20_000, o.index), o.reloadWorld, o.matchCache ?? 20_000);
  const review = new ReviewStore(db);
  const keys = new ApiKeys(db);
  const handlers: Record<string, JobHandler> = { ...(o.handlers ?? defaultHandlers(o.parseLimits)) };
  const ctx = appContext(o, worlds, review, keys);
  // PostgreSQL: every API process runs the schedule; the queue takes each slot's update once (ctx.jobs is set below).
  const enqueueUpdate = o.queue ? (slot: Date) => submitScheduledUpdate(ctx.jobs as PgJobQueue, slot) : undefined;
  const monitoring = new Monitoring(o.store, worlds, o.updateLists, { ...o.monitoring, enqueueUpdate });
  ctx.monitoring = monitoring;
  if (o.updateLists) handlers['lists-update'] = listsUpdateHandler(o.updateLists, worlds, monitoringHooks(monitoring));
  ctx.jobs = await createQueue(app, o, db, worlds, handlers, review.audit);
  const loopback = isLoopback(o.host ?? '127.0.0.1');
  const limited = o.rateLimit === false ? undefined : await rateLimiter(app, o.rateLimit ?? DEFAULT_RATE_LIMIT);

  app.decorate('sightline', ctx);
  app.decorateRequest('principal', undefined as never);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}` }));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  await app.register(multipart, { limits: { fileSize: o.uploadBytes ?? 25 * 1024 * 1024, files: 1 } });
  await registerOpenApi(app);

  app.addHook('onRequest', bodyDeadline(requestTimeout));
  app.addHook('onRequest', authorise(keys, loopback, limited));
  app.addHook('onSend', securityHeaders);

  registerHealthRoutes(app, o.store, worlds, async () => !loopback || (await keys.count()) > 0);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/me',
    { config: { role: 'viewer' }, schema: { summary: 'Who the key belongs to and its role', tags: ['system'], response: { 200: Me } } },
    async (req) => whoAmI(req, ctx),
  );

  registerApiRoutes(app, ctx);
  registerReconcileRoutes(app, ctx);
  registerJobRoutes(app, ctx, { uploadBytes: o.uploadBytes ?? 25 * 1024 * 1024 });
  registerListRoutes(app, ctx);
  registerFourEyesRoutes(app, ctx);
  registerEvidenceRoutes(app, ctx);
  registerMonitorRoutes(app, ctx, monitoring, { uploadBytes: o.uploadBytes ?? 25 * 1024 * 1024 });
  if (o.examplesDir) registerExampleRoutes(app, o.examplesDir);
  if (o.monitoring) monitoring.start();
  app.addHook('onClose', () => monitoring.stop().then(() => undefined));

  if (o.webDir) {
    const index = readFileSync(join(o.webDir, 'index.html'), 'utf8');
    await app.register(fastifyStatic, { root: join(o.webDir, 'assets'), prefix: '/assets/', decorateReply: false, index: false, maxAge: 0 });
    app.get('/', { config: { role: 'public' } }, async (_req, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(index));
  }
  return app as unknown as FastifyInstance & { sightline: AppContext };
}

/** `/healthz` (alive) and `/readyz` (lists loaded, database answering), per process, for load balancers. */
function registerHealthRoutes(app: FastifyInstance, store: Store, worlds: WorldHolder, keysRequired: () => Promise<boolean>): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get('/healthz', { config: { role: 'public' }, schema: { summary: 'Liveness', tags: ['system'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));
  typed.get(
    '/readyz',
    {
      config: { role: 'public' },
      schema: { summary: 'Readiness: lists loaded and the database answering', tags: ['system'], response: { 200: Ready, 503: Unavailable } },
    },
    async (_req, reply) => {
      try {
        await store.versions('__ready__');
        const snap = worlds.get();
        return {
          status: 'ok' as const,
          parties: snap.world.parties().length,
          indexed: snap.index.size,
          versions: snap.versions.length,
          versionIds: snap.versions.map((v) => v.id),
          loadedAt: snap.loadedAt,
          keysRequired: await keysRequired(),
        };
      } catch {
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  );
}

/** On PostgreSQL, graphile-worker shared by every process; otherwise the in-process queue (which owns its database). */
async function createQueue(
  app: FastifyInstance,
  o: BuildAppOptions,
  db: Kysely<ServerDatabase>,
  worlds: WorldHolder,
  handlers: Record<string, JobHandler>,
  audit: AuditLog,
): Promise<JobQueue> {
  if (o.queue) {
    const queueDb = db as unknown as Kysely<QueueDatabase>;
    const queue = await PgJobQueue.start({ ...o.queue, connectionString: o.queue.url, db: queueDb, worlds, handlers, audit, limits: o.parseLimits });
    // Graceful: this process's workers finish the chunk they hold before the store closes.
    app.addHook('onClose', () => queue.close());
    return queue;
  }
  const local = new LocalJobQueue({ db, worlds, handlers, audit, concurrency: o.concurrency ?? 1 });
  await local.recover();
  return local;
}

async function submitScheduledUpdate(queue: PgJobQueue, slot: Date): Promise<boolean> {
  const job = scheduledUpdateJob(slot);
  return Boolean(await queue.submitOnce(job.id, job.input));
}

/** What every route receives; the job queue is set once its handlers are known. */
function appContext(o: BuildAppOptions, worlds: WorldHolder, review: ReviewStore, keys: ApiKeys): AppContext {
  return {
    store: o.store,
    worlds,
    keys,
    review,
    fourEyes: o.fourEyes ?? false,
    proposals: new Proposals(serverDb(o.store), review),
    reasonCodes: readReasonCodes(),
    jobs: undefined as unknown as JobQueue,
    baseUrl: o.baseUrl,
    updateLists: o.updateLists,
  };
}

/** `/me`: the caller, the kinds of file this server screens, and the default threshold (the UI shows it). */
function whoAmI(req: FastifyRequest, ctx: AppContext) {
  return {
    name: req.principal.name,
    role: req.principal.role,
    local: Boolean(req.principal.local),
    kinds: ctx.jobs.kinds(),
    threshold: DEFAULT_THRESHOLD,
    fourEyes: ctx.fourEyes,
  };
}

/** The onRequest hook: the route's role against the caller's API key (none needed on loopback until a key exists), then the rate limit. */
function authorise(keys: ApiKeys, loopback: boolean, limited: ((req: FastifyRequest) => Promise<number>) | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const role = req.routeOptions.config?.role ?? 'public';
    if (role === 'public') return;
    const requireKeys = !loopback || (await keys.count()) > 0;
    const key = keyFromHeaders(req.headers);
    if (key) {
      const p = await keys.verify(key);
      if (!p) throw new HttpError(401, 'unknown or revoked API key', { 'WWW-Authenticate': 'Bearer' });
      req.principal = p;
    } else if (requireKeys) {
      throw new HttpError(401, 'an API key is required (Authorization: Bearer sl_… or X-API-Key)', { 'WWW-Authenticate': 'Bearer' });
    } else req.principal = LOCAL_ADMIN;
    if (limited) {
      const wait = await limited(req);
      if (wait) throw new HttpError(429, 'too many requests', { 'Retry-After': String(wait) });
    }
    if (!roleAtLeast(req.principal.role, role)) throw new HttpError(403, `this needs the ${role} role; your key has ${req.principal.role}`);
    void reply;
  };
}

function fastifyOptions(logger: boolean, requestTimeout: number) {
  return {
    logger,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    requestTimeout,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    // Node checks the request timeout only this often (default 30 s): check at a tenth of it.
    http: { connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeout / 10))) },
  };
}

/**
 * The first onRequest hook (before authentication): a request whose body has not fully arrived within
 * `ms` is answered 408 and its connection closed. Node's own `requestTimeout` (set too) did not cut off a
 * body trickled one byte at a time through Fastify in a test; this does, for every route.
 */
function bodyDeadline(ms: number) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // A request without a body (no Content-Length or Transfer-Encoding, RFC 9112 §6.3) has nothing to trickle.
    const { 'content-length': length, 'transfer-encoding': chunked } = req.raw.headers;
    if (req.raw.complete || (chunked === undefined && !(Number(length) > 0))) return;
    const timer = setTimeout(() => {
      if (req.raw.complete) return;
      const socket = req.raw.socket;
      // app.inject's stand-in socket has no connection to close (and no destroy(): it threw in long test files).
      if (typeof socket.destroy !== 'function') return;
      if (!reply.raw.headersSent && socket.writable) socket.write('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
    }, ms);
    timer.unref();
    // Not cleared when a reply is sent: a request refused early (401) must not keep trickling its body either.
    const clear = () => clearTimeout(timer);
    req.raw.once('end', clear);
    req.raw.socket.once('close', clear);
  };
}

/** The onSend hook: security headers on every response (a route may set its own CSP). */
async function securityHeaders(_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!reply.hasHeader('Content-Security-Policy')) {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Frame-Options', 'DENY');
  }
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  return payload;
}
