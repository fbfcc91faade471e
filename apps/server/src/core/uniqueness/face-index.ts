// The process's in-memory index of face templates, one partition per mode, searched for duplicates.
// Threat: a person enrolling twice ("one face, one human"). A missed true match lets a duplicate human
// through, so recall comes before speed. The index is therefore an exact brute-force scan over one
// contiguous Float32Array of unit vectors (dot product = cosine): recall 1 by construction. Measured by
// bench/face-search.ts (docs/face-search.md), HNSW (hnswlib-node 3.0.0, M=16, efConstruction=200) on
// random 1024-d templates with planted near-duplicates found the planted match only 50% (ef=64) and
// 88% (ef=256) of the time at 100k templates, and took ~15 min to build them (every process would
// rebuild it at start); so it is not used. The scan costs ~1.1–1.3 ms per 1,000 templates per search
// at 1024-d and ~4–8 KB per template (capacity doubles); figures, limits and the int8 option (half the
// time and a quarter of the memory at 1M) are in that doc.
// Staleness: the index is only a candidate generator. Before each search the caller holds the mode's
// advisory lock and calls catchUp, which loads every committed template past the highest seq held (all
// writers take the same lock, so seq order is commit order and nothing is skipped); candidates are
// then re-checked against the store (search-face.ts), so an erased template never matches even while
// this process still holds it. Erasures heard through invalidations are evicted at the next catch-up.
// Plaintext templates live only in this process's memory, never on disk or in logs.
import type { FaceTemplatesStore, Invalidation, KeyMode } from '../../store/store.ts';
import { type FaceTemplateBinding, FaceTemplateError, openFaceTemplate } from './face-template.ts';

export interface FaceCandidate {
  humanId: string;
  similarity: number;
}

/** Exact top-k over unit vectors of one length, held in one growing Float32Array. */
export interface ExactFaceScan {
  readonly dimensions: number;
  readonly size: number;
  /** Bytes held for templates (the contiguous array's capacity), for monitoring. */
  readonly capacityBytes: number;
  has(humanId: string): boolean;
  /** Adds the human's template, or replaces the one held. */
  upsert(humanId: string, template: Float32Array): void;
  remove(humanId: string): boolean;
  /** The k highest dot products, best first, skipping `exclude`. */
  topK(query: Float32Array, k: number, exclude?: ReadonlySet<string>): FaceCandidate[];
}

const INITIAL_CAPACITY = 1024;

export function createExactFaceScan(dimensions: number): ExactFaceScan {
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new FaceTemplateError('bad template length');
  let vectors = new Float32Array(INITIAL_CAPACITY * dimensions);
  const ids: string[] = [];
  const slotOf = new Map<string, number>();

  function requireLength(template: Float32Array): void {
    if (template.length !== dimensions) {
      throw new FaceTemplateError(`template length ${template.length}, index holds ${dimensions}`);
    }
  }

  return {
    dimensions,
    get size() {
      return ids.length;
    },
    get capacityBytes() {
      return vectors.byteLength;
    },
    has: (humanId) => slotOf.has(humanId),

    upsert(humanId, template) {
      requireLength(template);
      const existing = slotOf.get(humanId);
      if (existing !== undefined) {
        vectors.set(template, existing * dimensions);
        return;
      }
      const slot = ids.length;
      if ((slot + 1) * dimensions > vectors.length) {
        const grown = new Float32Array(vectors.length * 2);
        grown.set(vectors);
        vectors = grown;
      }
      vectors.set(template, slot * dimensions);
      ids.push(humanId);
      slotOf.set(humanId, slot);
    },

    remove(humanId) {
      const slot = slotOf.get(humanId);
      if (slot === undefined) return false;
      // Swap the last vector into the hole, so the array stays contiguous.
      const last = ids.length - 1;
      const lastId = ids[last];
      if (slot !== last && lastId !== undefined) {
        vectors.copyWithin(slot * dimensions, last * dimensions, (last + 1) * dimensions);
        ids[slot] = lastId;
        slotOf.set(lastId, slot);
      }
      // Zeroed, so a removed biometric does not linger in the spare capacity.
      vectors.fill(0, last * dimensions, (last + 1) * dimensions);
      ids.pop();
      slotOf.delete(humanId);
      return true;
    },

    topK(query, k, exclude) {
      requireLength(query);
      const best: FaceCandidate[] = [];
      const count = ids.length;
      for (let slot = 0; slot < count; slot++) {
        const similarity = dotAt(vectors, slot * dimensions, query, dimensions);
        if (best.length === k && similarity <= (best[k - 1]?.similarity ?? -Infinity)) continue;
        const humanId = ids[slot];
        if (humanId === undefined || exclude?.has(humanId)) continue;
        insertRanked(best, { humanId, similarity }, k);
      }
      return best;
    },
  };
}

function dotAt(vectors: Float32Array, offset: number, query: Float32Array, dimensions: number): number {
  // Four accumulators: shorter dependency chains, measurably faster in V8 than one.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let index = 0;
  for (; index + 3 < dimensions; index += 4) {
    const at = offset + index;
    a += (vectors[at] ?? 0) * (query[index] ?? 0);
    b += (vectors[at + 1] ?? 0) * (query[index + 1] ?? 0);
    c += (vectors[at + 2] ?? 0) * (query[index + 2] ?? 0);
    d += (vectors[at + 3] ?? 0) * (query[index + 3] ?? 0);
  }
  for (; index < dimensions; index++) a += (vectors[offset + index] ?? 0) * (query[index] ?? 0);
  return a + b + c + d;
}

function insertRanked(best: FaceCandidate[], candidate: FaceCandidate, k: number): void {
  let position = best.length;
  while (position > 0 && (best[position - 1]?.similarity ?? Infinity) < candidate.similarity) position--;
  best.splice(position, 0, candidate);
  if (best.length > k) best.pop();
}

/** One mode's templates as of its last catch-up; what a search under the lock reads. */
export interface FacePartition {
  readonly size: number;
  /** The k most similar held templates of that model version, best first. */
  search(
    modelVersion: string,
    query: Float32Array,
    k: number,
    exclude?: ReadonlySet<string>,
  ): FaceCandidate[];
  /** Drops a template the store no longer has (found stale by a re-check). */
  evict(humanId: string): void;
}

export interface FaceIndex {
  /**
   * Loads the mode's templates committed since the last catch-up and evicts erased ones it has heard
   * of. Call inside the transaction that holds lockFaceSearch(mode), and search the partition it
   * returns in that same transaction.
   */
  catchUp(tx: FaceTemplatesStore, key: Buffer, mode: KeyMode): Promise<FacePartition>;
  /** Feed every invalidation the store delivers (createApp subscribes it). */
  noteInvalidation(invalidation: Invalidation): void;
  /** Templates held for a mode (all model versions). */
  size(mode: KeyMode): number;
}

const CATCH_UP_PAGE = 1000;

interface PartitionState {
  highWaterSeq: bigint;
  scans: Map<string, ExactFaceScan>;
  modelOf: Map<string, string>;
  /** Humans changed or erased since the last catch-up: checked against the store at the next one. */
  suspects: Set<string>;
}

function emptyPartition(): PartitionState {
  return { highWaterSeq: 0n, scans: new Map(), modelOf: new Map(), suspects: new Set() };
}

function removeFrom(state: PartitionState, humanId: string): void {
  const modelVersion = state.modelOf.get(humanId);
  if (modelVersion === undefined) return;
  state.scans.get(modelVersion)?.remove(humanId);
  state.modelOf.delete(humanId);
}

function upsertInto(state: PartitionState, binding: FaceTemplateBinding, template: Float32Array): void {
  const previousModel = state.modelOf.get(binding.humanId);
  if (previousModel !== undefined && previousModel !== binding.modelVersion)
    removeFrom(state, binding.humanId);
  let scan = state.scans.get(binding.modelVersion);
  if (!scan) {
    scan = createExactFaceScan(template.length);
    state.scans.set(binding.modelVersion, scan);
  }
  scan.upsert(binding.humanId, template);
  state.modelOf.set(binding.humanId, binding.modelVersion);
}

function partitionView(state: PartitionState): FacePartition {
  return {
    get size() {
      return state.modelOf.size;
    },
    search(modelVersion, query, k, exclude) {
      return state.scans.get(modelVersion)?.topK(query, k, exclude) ?? [];
    },
    evict: (humanId) => removeFrom(state, humanId),
  };
}

export function createFaceIndex(): FaceIndex {
  const partitions: Record<KeyMode, PartitionState> = { live: emptyPartition(), test: emptyPartition() };

  return {
    async catchUp(tx, key, mode) {
      // Held by reference: a reset (below) during this catch-up replaces the partition, and the caller
      // still searches the complete one it caught up.
      const state = partitions[mode];
      for (;;) {
        const rows = await tx.listFaceTemplatesAfterSeq({
          mode,
          afterSeq: state.highWaterSeq,
          limit: CATCH_UP_PAGE,
        });
        for (const row of rows) {
          const binding = { humanId: row.humanId, mode: row.mode, modelVersion: row.modelVersion };
          // A row that does not open (other POY_SECRET_KEY, tampering) fails the search: skipping it
          // would let that person enroll again.
          upsertInto(state, binding, openFaceTemplate(row.templateSealed, key, binding));
          // Never backwards: two catch-ups of one process may interleave (pages are loaded whole).
          if (row.seq > state.highWaterSeq) state.highWaterSeq = row.seq;
        }
        if (rows.length < CATCH_UP_PAGE) break;
      }
      if (state.suspects.size > 0) {
        const suspects = [...state.suspects];
        state.suspects.clear();
        const present = new Set(
          (await tx.findFaceTemplatesByHumanIds(mode, suspects)).map((record) => record.humanId),
        );
        for (const humanId of suspects) if (!present.has(humanId)) removeFrom(state, humanId);
      }
      return partitionView(state);
    },

    noteInvalidation(invalidation) {
      if (invalidation.kind === 'all') {
        // Notifications may have been missed: start again from the store at the next catch-up.
        partitions.live = emptyPartition();
        partitions.test = emptyPartition();
        return;
      }
      if (invalidation.kind !== 'human') return;
      for (const state of Object.values(partitions)) {
        if (state.modelOf.has(invalidation.humanId)) state.suspects.add(invalidation.humanId);
      }
    },

    size: (mode) => partitions[mode].modelOf.size,
  };
}
