/** What every route module receives: the store, the current world, keys, review memory and jobs. */
import type { Store } from '../store/index.ts';
import type { Proposals, ReviewStore } from '../review/index.ts';
import type { ReasonCode } from './reason-codes.ts';
import type { ApiKeys, Principal, Role } from './auth.ts';
import type { WorldHolder } from './world-state.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { UpdateOneSource } from './list-updates.ts';
import type { Monitoring } from './monitoring.ts';

export interface AppContext {
  store: Store;
  worlds: WorldHolder;
  keys: ApiKeys;
  review: ReviewStore;
  /** Four-eyes: when on, a reviewer's decision is a proposal an approver resolves (proposals, reason codes). */
  fourEyes: boolean;
  proposals: Proposals;
  reasonCodes: ReasonCode[];
  jobs: JobQueue;
  /** Public base URL used in the reconciliation manifest when the request has no Host. */
  baseUrl?: string;
  /** `lists update` of one source, for the Lists page (admin); absent in tests that do not need it. */
  updateLists?: UpdateOneSource;
  /** Monitors, alerts, the list-update schedule. */
  monitoring?: Monitoring;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    consumes?: string[];
    /** A request body described in the docs but read by the handler itself (multipart uploads). */
    docBody?: unknown;
  }
  interface FastifyContextConfig {
    /** Least role a route needs; `public` routes need no key. */
    role?: Role | 'public';
  }
}
