/** The matcher over a set of entities: candidate retrieval, then full scoring and explanation. */
import type { Entity } from '../model/entity.ts';
import { CandidateIndex } from './candidate-index.ts';
import { EarlyStop } from './early-stop.ts';
import { columnsToLists, idsByKey, keysById, listsToColumns, sortedKeyId, sortKeys, type KeyList, type MatchIndexState } from './index-state.ts';
import { prepare, prepareWithOrigins, type Prepared } from './prepared.ts';
import { compatible, isParty } from './schemas.ts';
import { explainCandidate, featureValues, scoreCandidate, scoreFloor, scorePrepared, scoreValue, type CandidateScore } from './scorer.ts';
import { prepareForComparison } from './name-units.ts';
import { signature } from './name-signature.ts';
import { signatureBound } from './name-bound.ts';
import { Rarity } from './rarity.ts';
import { BoundedCache } from './bounded-cache.ts';
import { PreparedEntities } from './prepared-entities.ts';
import { GrowingInt32 } from './growing-array.ts';
import { NameRefsBuilder } from './name-refs.ts';
import type { MatchOptions, MatchQuery, MatchResult } from './types.ts';
import type { NameForm } from '../names/index.ts';
import type { FeatureName } from './weights.ts';
import { checkQuery, options, type Resolved } from './match-options.ts';

export interface MatchIndex {
  size: number;
  match(query: MatchQuery, opts?: MatchOptions): MatchResult[];
}

/** Prepared queries kept (screening repeats names; pinyin and transliteration are the costly part). */
const QUERY_CACHE = 10_000;

/** A candidate entity scored (without explanation), with the names that were compared and, from `match`, its feature values. */
interface Scored {
  entity: number;
  names: number[] | undefined;
  score: number;
  scored?: CandidateScore;
}

export class InMemoryMatchIndex implements MatchIndex {
  /** prepared entities, bounded (entity-cache.ts); one not kept is prepared again from its source, name by name */
  private entities!: PreparedEntities;
  private entityIds: string[] = [];
  private entitySource: Int32Array = new Int32Array(0);
  /** per name ref: where in its entity the name comes from (prepared.ts prepareWithOrigins) */
  private refOrigin: Int32Array = new Int32Array(0);
  private names = new CandidateIndex();
  private ids = new Map<string, number[]>();
  private rarity = new Rarity();
  private readonly queries = new BoundedCache<Prepared>(QUERY_CACHE);
  /** per entity: its slot in the current query's candidate list, valid when slotStamp is the query's stamp */
  private slot = new Int32Array(0);
  private slotStamp = new Int32Array(0);
  private stamp = 0;
  /** the current query's retrieved names, per entity chained by position (see match) */
  private nextAt = new Int32Array(1024);
  // what the bound pre-check reads, in typed arrays so that rejecting a candidate touches no object:
  // per entity its schema (by id) and the ref of its first name; per name ref its packed signature,
  // key (by id) and whether it has a Chinese core name
  private schemaIds = new Map<string, number>();
  private schemaNames: string[] = [];
  private schemaOf: Uint16Array = new Uint16Array(0);
  private nameBase: Int32Array = new Int32Array(0);
  private sigPool: Int32Array = new Int32Array(0);
  private sigAt: Int32Array = new Int32Array(0);
  /** built: name key → number; opened: undefined, and the sorted keys of the snapshot are searched */
  private keyIds: Map<string, number> | undefined;
  private sortedKeys: KeyList = [];
  private refKey: Int32Array = new Int32Array(0);
  private refHan: Uint8Array = new Uint8Array(0);
  /** per query schema: which candidate schema ids it may match */
  private readonly compatRows = new Map<string, Uint8Array>();

  constructor(entities: Iterable<Entity>, restored?: { state: MatchIndexState; source: (position: number) => Entity }) {
    if (restored) {
      this.restore(restored.state, restored.source);
      return;
    }
    // entities are prepared again from the list when they left the cache (entity())
    const list = Array.isArray(entities) ? (entities as Entity[]) : [...entities];
    // first pass: analyse, and count word rarity over the whole index (weights depend on it)
    const prepared: (Prepared | undefined)[] = [];
    const sources: number[] = [];
    const origins = new GrowingInt32();
    list.forEach((e, position) => {
      if (!e || typeof e.schema !== 'string' || !isParty(e.schema)) return;
      const p = prepareWithOrigins(e);
      if (!p.prepared.names.length && !p.prepared.ids.size) return;
      prepared.push(p.prepared);
      sources.push(position);
      for (const f of p.prepared.names) this.rarity.add(f);
      for (const o of p.origins) origins.push(o);
    });
    this.entityIds = prepared.map((p) => p!.id);
    this.entitySource = Int32Array.from(sources);
    this.refOrigin = origins.done();
    this.schemaOf = new Uint16Array(prepared.length);
    this.nameBase = new Int32Array(prepared.length);
    // second pass: weight and index the names; what the bound pre-check reads goes into typed arrays,
    // and an entity is let go once indexed (the cache keeps the last ones)
    const refs = new NameRefsBuilder();
    this.entities = this.preparedEntities((position) => list[position]);
    prepared.forEach((p, n) => {
      let sid = this.schemaIds.get(p!.schema);
      if (sid === undefined) this.schemaIds.set(p!.schema, (sid = this.schemaIds.size));
      this.schemaOf[n] = sid;
      // name refs are numbered in this order: an entity's names follow each other from its base
      this.nameBase[n] = refs.length;
      p!.names.forEach((f, j) => {
        this.rarity.apply(f);
        prepareForComparison(f);
        this.names.add(n, j, f);
        refs.add(f);
      });
      for (const id of p!.ids.keys()) {
        const ids = this.ids.get(id);
        if (ids) ids.push(n);
        else this.ids.set(id, [n]);
      }
      this.entities.set(n, p!);
      prepared[n] = undefined;
    });
    this.names.finish();
    Object.assign(this, refs.done());
    this.keyIds = refs.keyIds;
    // the kept entities' names read their signatures in the pool, side by side (as the bound's are)
    const sigEnd = (ref: number) => (ref + 1 < this.sigAt.length ? this.sigAt[ref + 1] : this.sigPool.length);
    for (let n = 0; n < prepared.length; n++) {
      this.entities.peek(n)?.names.forEach((f, j) => {
        const ref = this.nameBase[n] + j;
        f.signature = this.sigPool.subarray(this.sigAt[ref], sigEnd(ref));
      });
    }
    this.schemaNames = keysById(this.schemaIds);
    this.slot = new Int32Array(prepared.length);
    this.slotStamp = new Int32Array(prepared.length);
  }

  /** The built index as columns (index-state.ts); `new InMemoryMatchIndex([], { state, source })` opens it again. */
  state(): MatchIndexState {
    const ids = listsToColumns(this.ids);
    // keys sorted and renumbered, so that an opened index finds them by binary search (sortedKeyId)
    const sorted = this.keyIds && sortKeys(this.keyIds);
    const nameKeys = sorted ? sorted.keys : this.sortedKeys;
    const refKey = sorted ? this.refKey.map((k) => sorted.renumber[k]) : this.refKey;
    const { entityIds, entitySource, schemaNames, schemaOf, nameBase, sigPool, sigAt, refHan, refOrigin } = this;
    const columns = { entityIds, entitySource, schemaNames, schemaOf, nameBase, sigPool, sigAt, nameKeys, refKey, refHan, refOrigin };
    return { ...columns, idKeys: ids.keys, idStart: ids.start, idEntities: ids.values, rarity: this.rarity.state(), names: this.names.state() };
  }

  private restore(s: MatchIndexState, source: (position: number) => Entity): void {
    Object.assign(this, {
      entityIds: s.entityIds,
      entitySource: s.entitySource,
      refOrigin: s.refOrigin,
      schemaNames: s.schemaNames,
      schemaOf: s.schemaOf,
      nameBase: s.nameBase,
    });
    Object.assign(this, { sigPool: s.sigPool, sigAt: s.sigAt, refKey: s.refKey, refHan: s.refHan });
    this.rarity = Rarity.restore(s.rarity);
    this.entities = this.preparedEntities(source);
    this.schemaIds = idsByKey(s.schemaNames);
    this.sortedKeys = s.nameKeys;
    this.ids = columnsToLists(s.idKeys, s.idStart, s.idEntities);
    this.names = CandidateIndex.restore(s.names);
    this.slot = new Int32Array(s.entityIds.length);
    this.slotStamp = new Int32Array(s.entityIds.length);
  }

  private schemaName(n: number): string {
    return this.schemaNames[this.schemaOf[n]];
  }

  /** The prepared entities over `source`: a name analysed is weighted by this index's rarity and prepared for comparison. */
  private preparedEntities(source: (position: number) => Entity): PreparedEntities {
    const { entitySource, nameBase, refOrigin, rarity } = this;
    const finish = (f: NameForm) => (rarity.apply(f), prepareForComparison(f));
    return new PreparedEntities({ source, entitySource, nameBase, refOrigin, finish });
  }

  /** Indexed entity `n` prepared whole; with `names`, at least those of its names (the others may be empty places). */
  private entity(n: number, names?: number[]): Prepared {
    return names ? this.entities.withNames(n, names) : this.entities.full(n);
  }

  /** The query prepared and weighted by this index's rarity, from a bounded cache. */
  private prepareQuery(query: MatchQuery): Prepared {
    const key = `${query.schema}\u0000${JSON.stringify(query.properties)}`;
    const hit = this.queries.get(key);
    if (hit) return hit;
    const q = prepare(query, 'query');
    for (const f of q.names) this.rarity.apply(f);
    this.queries.set(key, q);
    return q;
  }

  private compatRow(schema: string): Uint8Array {
    let row = this.compatRows.get(schema);
    if (!row) {
      row = new Uint8Array(this.schemaIds.size);
      for (const [name, sid] of this.schemaIds) row[sid] = compatible(schema, name) ? 1 : 0;
      this.compatRows.set(schema, row);
    }
    return row;
  }

  /**
   * Whether every retrieved name of `entity` has a bound below `floor` against every query name, so
   * its name score, and with it its score, stays below the floor (as scorer.ts bestNames, which the
   * entity is spared). Names of one key and Chinese core names are not bounded: false.
   */
  private boundedOut(q: Prepared, qKeys: number[], entity: number, names: number[], floor: number): boolean {
    const base = this.nameBase[entity];
    for (let i = 0; i < q.names.length; i++) {
      const qn = q.names[i];
      const qs = signature(qn);
      const qHan = qn.hanCore ? 1 : 0;
      for (let k = 0; k < names.length; k++) {
        const ref = base + names[k];
        if (this.refKey[ref] === qKeys[i] || (qHan && this.refHan[ref])) return false;
        if (signatureBound(qs, 0, this.sigPool, this.sigAt[ref]) >= floor) return false;
      }
    }
    return true;
  }

  get size(): number {
    return this.entityIds.length;
  }

  /** Whether a query name with a rarer token skips this name key in retrieval (CandidateIndex.isCommonKey). */
  isCommonKey(key: string): boolean {
    return this.names.isCommonKey(key);
  }

  /**
   * Results from scored candidates: the best `limit` above the reporting floor, ordered by score then
   * id, each explained (explanations are built only here, for what is returned).
   */
  private explain(q: Prepared, scored: Scored[], o: Resolved): MatchResult[] {
    scored.sort((a, b) => b.score - a.score || this.entityIds[a.entity].localeCompare(this.entityIds[b.entity]));
    const out: MatchResult[] = [];
    for (const { entity, names, scored: features } of scored.slice(0, o.limit)) {
      const c = this.entity(entity, names);
      // every scored result reached the cutoff: pairs that cannot reach it need no alignment; those `match`
      // scored are explained from the feature values it computed
      const { score, explanation } = features ? explainCandidate(q, c, features, o.weights) : scorePrepared(q, c, names, o.cutoff, o.weights);
      out.push({ id: c.id, caption: c.caption, schema: c.schema, score, match: score >= o.threshold, explanation });
    }
    return out;
  }

  private results(q: Prepared, candidates: Iterable<number>, o: Resolved): MatchResult[] {
    const scored: Scored[] = [];
    for (const i of candidates) {
      const c = this.entity(i);
      if (!compatible(q.schema, c.schema) || (o.accept && !o.accept(c.id, c.schema))) continue;
      const score = scoreValue(q, c, undefined, 0, o.weights);
      if (score >= o.cutoff) scored.push({ entity: i, names: undefined, score });
    }
    return this.explain(q, scored, o);
  }

  match(query: MatchQuery, opts?: MatchOptions): MatchResult[] {
    checkQuery(query);
    const o = options(opts);
    const q = this.prepareQuery(query);
    // entities in order of their best retrieved name, each with the names that were retrieved
    // (undefined: all names, for identifier hits); slots by stamp, no Map per query. An entity's
    // retrieved names are chained through their positions in `refs` and listed only if it is scored
    // (most queries score one batch of the hundred or so entities retrieved)
    if (++this.stamp > 0x3fffffff) (this.stamp = 1), this.slotStamp.fill(0);
    const stamp = this.stamp;
    const order: number[] = [];
    /** per slot: position in refs of its first and last retrieved name, -1 for all names; its best name's
     * retrieval pre-score as a share of the best (1 for identifier hits) */
    const firstAt: number[] = [];
    const lastAt: number[] = [];
    const preShare: number[] = [];
    for (const id of q.ids.keys()) {
      for (const i of this.ids.get(id) ?? []) {
        if (this.slotStamp[i] === stamp) continue;
        this.slotStamp[i] = stamp;
        this.slot[i] = order.length;
        order.push(i);
        firstAt.push(-1);
        lastAt.push(-1);
        preShare.push(1);
      }
    }
    const { refEntity, refName } = this.names;
    const { accept } = o;
    const keep = accept && ((ref: number) => accept(this.entityIds[refEntity[ref]], this.schemaName(refEntity[ref])));
    const shares: number[] = [];
    const refs = q.names.length ? this.names.candidates(q.names, o.config.candidateNames, keep, shares) : [];
    if (this.nextAt.length < refs.length) this.nextAt = new Int32Array(refs.length * 2);
    const nextAt = this.nextAt;
    for (let x = 0; x < refs.length; x++) {
      const entity = refEntity[refs[x]];
      nextAt[x] = -1;
      if (this.slotStamp[entity] !== stamp) {
        this.slotStamp[entity] = stamp;
        this.slot[entity] = order.length;
        order.push(entity);
        firstAt.push(x);
        lastAt.push(x);
        preShare.push(shares[x]);
        continue;
      }
      const s = this.slot[entity];
      if (lastAt[s] < 0) continue; // all names already
      nextAt[lastAt[s]] = x;
      lastAt[s] = x;
    }
    const retrievedNames = (slot: number): number[] | undefined => {
      if (firstAt[slot] < 0) return undefined;
      const list: number[] = [];
      for (let x = firstAt[slot]; x >= 0; x = nextAt[x]) list.push(refName[refs[x]]);
      return list;
    };
    return this.explain(q, this.scoreRetrieved(q, order, preShare, retrievedNames, o), o);
  }

  /**
   * Scores retrieved entities by pre-score rank until early-stop.ts ends the search. Entities the caller's
   * filter refuses, and those of a schema the query cannot match, are skipped before scoring and take no
   * place in a batch, so neither ends the search early: in a large list an aircraft registration
   * ("EP-IBS") is also some firms' acronym, and they rank among the aircraft.
   */
  private scoreRetrieved(q: Prepared, order: number[], preShare: number[], retrievedNames: (slot: number) => number[] | undefined, o: Resolved): Scored[] {
    const out: Scored[] = [];
    const compat = this.compatRow(q.schema);
    const floor = scoreFloor(q, o.cutoff, o.weights);
    const qKeys = q.names.map((f) => (this.keyIds ? (this.keyIds.get(f.key) ?? -1) : sortedKeyId(this.sortedKeys, f.key)));
    const stop = new EarlyStop();
    for (let slot = 0; slot < order.length; slot++) {
      const i = order[slot];
      if (!compat[this.schemaOf[i]] || (o.accept && !o.accept(this.entityIds[i], this.schemaName(i)))) continue;
      if (o.config.stopEarly && stop.endsBefore(preShare[slot])) break;
      // score only the retrieved names of an entity: the others shared too little with the query
      const retrieved = retrievedNames(slot);
      if (retrieved !== undefined && floor.names > 0 && this.boundedOut(q, qKeys, i, retrieved, floor.names)) continue;
      const scored = scoreCandidate(q, this.entity(i, retrieved), retrieved, floor, o.weights);
      const { score } = scored;
      if (score >= o.threshold) stop.hit(preShare[slot]);
      if (score < o.cutoff) continue;
      out.push({ entity: i, names: retrieved, score, scored });
    }
    return out;
  }

  /** Keeps the prepared entities of at most about `maxNames` names (Infinity: all, for exhaustive scoring). */
  cachePrepared(maxNames: number): void {
    this.entities.bound(maxNames);
  }

  private byId: Map<string, number> | undefined;

  private entityById(id: string): Prepared | undefined {
    this.byId ??= new Map(this.entityIds.map((e, n) => [e, n]));
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.entity(n);
  }

  /**
   * One candidate scored and explained as `match` would (this index's rarity weights, the options'
   * weights): how bench:match scores a labelled pair. Undefined for an id not in the index.
   */
  scoreOne(query: MatchQuery, id: string, opts?: MatchOptions): MatchResult | undefined {
    checkQuery(query);
    const o = options(opts);
    const c = this.entityById(id);
    if (!c) return undefined;
    const { score, explanation } = scorePrepared(this.prepareQuery(query), c, undefined, 0, o.weights);
    return { id: c.id, caption: c.caption, schema: c.schema, score, match: score >= o.threshold, explanation };
  }

  /** The model's feature values of one candidate against a query, with this index's rarity weights (for fitting). */
  featuresOf(query: MatchQuery, id: string): Record<FeatureName, number> | undefined {
    checkQuery(query);
    const c = this.entityById(id);
    return c && featureValues(this.prepareQuery(query), c);
  }

  /** Scores every entity: the reference the candidate retrieval is measured against. */
  matchExhaustive(query: MatchQuery, opts?: MatchOptions): MatchResult[] {
    checkQuery(query);
    return this.results(this.prepareQuery(query), this.entityIds.keys(), options(opts));
  }
}

/** Builds the in-memory index; only parties (LegalEntity and below, Vessel, Airplane) are indexed. */
export function buildIndex(entities: Iterable<Entity>): InMemoryMatchIndex {
  return new InMemoryMatchIndex(entities);
}
