// "One face, one human": find whether a face template already belongs to a human, and store one.
// Threat: a person creating a second human by enrolling again, alone or with two requests (or two
// replicas) at the same moment. findFaceMatch takes the mode's advisory lock in the caller's
// transaction and it is held until that transaction ends, so "search, then create the human and
// storeFaceTemplate" is one critical section across every process on the database: the second
// enrollment waits, catches up on the first one's committed template, and finds it. The caller must
// therefore search and store in ONE transaction. Candidates from the in-memory index are re-checked
// against the stored (sealed) template, so an erased or renewed template never yields a stale match.
import type { KeyMode, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { ServerSecrets } from '../secrets.ts';
import { createFaceIndex, type FaceIndex } from './face-index.ts';
import {
  cosineSimilarity,
  FaceTemplateError,
  openFaceTemplate,
  requireUnitTemplate,
  sealFaceTemplate,
} from './face-template.ts';

export interface FaceMatchThresholds {
  /** At or above: the same person. */
  sameMinSimilarity: number;
  /** At or above (and below `sameMinSimilarity`): too close to tell; a person must look. */
  reviewMinSimilarity: number;
}

export type FaceMatchClass = 'same' | 'review' | 'different';

export interface FaceMatch {
  humanId: string;
  /** Exact cosine similarity with the stored template, in [-1, 1]. */
  similarity: number;
}

export interface FaceSearchDeps {
  secrets: Pick<ServerSecrets, 'faceTemplateKey'>;
  /** The process's index (CoreContext.faceIndex); absent, a fresh one loads every template. */
  faceIndex?: FaceIndex;
}

// Index candidates re-checked per round. The scan is exact, so the first is the match unless stale.
const CANDIDATES_PER_ROUND = 4;

export function classifyFaceMatch(similarity: number, thresholds: FaceMatchThresholds): FaceMatchClass {
  if (similarity >= thresholds.sameMinSimilarity) return 'same';
  if (similarity >= thresholds.reviewMinSimilarity) return 'review';
  return 'different';
}

/**
 * The stored template most similar to `template` among the mode's templates of `modelVersion`
 * (templates of other models are not comparable), or null when there is none. Not thresholded: pass
 * the similarity to classifyFaceMatch. Takes the face-search lock until `tx` ends.
 */
export async function findFaceMatch(
  tx: StoreOperations,
  deps: FaceSearchDeps,
  input: { mode: KeyMode; template: Float32Array; modelVersion: string; excludeHumanIds?: readonly string[] },
): Promise<FaceMatch | null> {
  requireUnitTemplate(input.template);
  await tx.lockFaceSearch(input.mode);
  const index = deps.faceIndex ?? createFaceIndex();
  const partition = await index.catchUp(tx, deps.secrets.faceTemplateKey, input.mode);
  const exclude = new Set(input.excludeHumanIds ?? []);
  // Each round either confirms its best candidate or evicts at least one stale one, so it ends.
  for (;;) {
    const candidates = partition.search(input.modelVersion, input.template, CANDIDATES_PER_ROUND, exclude);
    if (candidates.length === 0) return null;
    const stored = new Map(
      (
        await tx.findFaceTemplatesByHumanIds(
          input.mode,
          candidates.map((candidate) => candidate.humanId),
        )
      ).map((record) => [record.humanId, record]),
    );
    let best: FaceMatch | null = null;
    let evicted = false;
    for (const candidate of candidates) {
      const record = stored.get(candidate.humanId);
      if (!record || record.modelVersion !== input.modelVersion) {
        partition.evict(candidate.humanId);
        evicted = true;
        continue;
      }
      const binding = { humanId: record.humanId, mode: record.mode, modelVersion: record.modelVersion };
      const storedTemplate = openFaceTemplate(record.templateSealed, deps.secrets.faceTemplateKey, binding);
      if (storedTemplate.length !== input.template.length) {
        throw new FaceTemplateError(
          `stored template length ${storedTemplate.length} for model ${input.modelVersion}`,
        );
      }
      const similarity = cosineSimilarity(input.template, storedTemplate);
      if (!best || similarity > best.similarity) best = { humanId: record.humanId, similarity };
    }
    // With no stale candidate, the exact scan's ranking is the store's: the best re-checked one wins.
    // After an eviction, search again: a candidate below the evicted ones may now be the best.
    if (!evicted) return best;
  }
}

/**
 * Stores (or renews) the human's template, sealed to that human, mode and model. Takes the
 * face-search lock (again, harmlessly, when findFaceMatch took it in this transaction), so the write's
 * seq is ordered with every other writer's (face-index.ts relies on it).
 */
export async function storeFaceTemplate(
  tx: StoreOperations,
  deps: FaceSearchDeps & { clock: Clock },
  input: { humanId: string; mode: KeyMode; template: Float32Array; modelVersion: string },
): Promise<void> {
  await tx.lockFaceSearch(input.mode);
  const binding = { humanId: input.humanId, mode: input.mode, modelVersion: input.modelVersion };
  await tx.replaceFaceTemplate({
    ...binding,
    templateSealed: sealFaceTemplate(input.template, deps.secrets.faceTemplateKey, binding),
    createdAt: deps.clock.now(),
  });
}
