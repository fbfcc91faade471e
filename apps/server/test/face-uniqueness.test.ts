// findFaceMatch and storeFaceTemplate on a real store (PGlite): exact answers against a brute-force
// reference, catch-up across processes, and no match from an erased, renewed or moved template.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/core/clock.ts';
import { SealedSecretError } from '../src/core/sealed-secret.ts';
import { deriveServerSecrets } from '../src/core/secrets.ts';
import { createFaceIndex } from '../src/core/uniqueness/face-index.ts';
import { cosineSimilarity } from '../src/core/uniqueness/face-template.ts';
import { classifyFaceMatch, findFaceMatch, storeFaceTemplate } from '../src/core/uniqueness/search-face.ts';
import type { KeyMode, Store } from '../src/store/store.ts';
import { createTestStore, type TestStore } from './harness.ts';
import { addHuman } from './store-suite/verification-fixtures.ts';
import { nearDuplicate, randomUnitVector, seededRandom } from './support/face-vectors.ts';

const DIMENSIONS = 256;
const secrets = deriveServerSecrets('face-uniqueness-test-secret-key-0123456789');
const clock = new ManualClock();

describe('classifyFaceMatch', () => {
  const thresholds = { sameMinSimilarity: 0.55, reviewMinSimilarity: 0.45 };
  it('is same at or above the same threshold, review between, different below', () => {
    assert.equal(classifyFaceMatch(0.99, thresholds), 'same');
    assert.equal(classifyFaceMatch(0.55, thresholds), 'same');
    assert.equal(classifyFaceMatch(0.5499, thresholds), 'review');
    assert.equal(classifyFaceMatch(0.45, thresholds), 'review');
    assert.equal(classifyFaceMatch(0.4499, thresholds), 'different');
    assert.equal(classifyFaceMatch(-1, thresholds), 'different');
  });
});

describe('face search on a store', () => {
  let testStore: TestStore;
  const store = (): Store => testStore.store;

  before(async () => {
    testStore = await createTestStore('pglite');
  });
  after(async () => {
    await testStore?.close();
  });

  /** A new human of `mode` with `template` stored; its id. */
  async function enroll(
    template: Float32Array,
    mode: KeyMode = 'test',
    modelVersion = 'model-1',
  ): Promise<string> {
    const human = await addHuman(store(), { mode });
    await store().transaction((tx) =>
      storeFaceTemplate(tx, { secrets, clock }, { humanId: human.id, mode, template, modelVersion }),
    );
    return human.id;
  }

  function search(
    template: Float32Array,
    faceIndex = createFaceIndex(),
    options: { mode?: KeyMode; modelVersion?: string; excludeHumanIds?: string[] } = {},
  ) {
    return store().transaction((tx) =>
      findFaceMatch(
        tx,
        { secrets, faceIndex },
        {
          mode: options.mode ?? 'test',
          template,
          modelVersion: options.modelVersion ?? 'model-1',
          ...(options.excludeHumanIds ? { excludeHumanIds: options.excludeHumanIds } : {}),
        },
      ),
    );
  }

  it('finds nothing when no template is stored', async () => {
    assert.equal(
      await search(randomUnitVector(DIMENSIONS, seededRandom(1)), createFaceIndex(), { mode: 'live' }),
      null,
    );
  });

  it('returns exactly the brute-force best of the stored templates for planted near-duplicates', async () => {
    const random = seededRandom(5);
    const enrolled = new Map<string, Float32Array>();
    for (let index = 0; index < 150; index++) {
      const template = randomUnitVector(DIMENSIONS, random);
      enrolled.set(await enroll(template), template);
    }
    const faceIndex = createFaceIndex();
    for (const [humanId, template] of [...enrolled].slice(0, 20)) {
      const query = nearDuplicate(template, 0.6 + random() * 0.2, random);
      // The reference: every stored template of the mode, opened from the store, compared.
      const all = await store().listFaceTemplatesAfterSeq({ mode: 'test', afterSeq: 0n, limit: 100_000 });
      let expected = { humanId: '', similarity: -2 };
      for (const record of all) {
        const stored = enrolled.get(record.humanId);
        if (!stored) continue;
        const similarity = cosineSimilarity(query, stored);
        if (similarity > expected.similarity) expected = { humanId: record.humanId, similarity };
      }
      const match = await search(query, faceIndex);
      assert.equal(expected.humanId, humanId);
      assert.equal(match?.humanId, expected.humanId);
      assert.ok(Math.abs((match?.similarity ?? 0) - expected.similarity) < 1e-6);
    }
  });

  it("catches up on another process's templates before searching", async () => {
    const random = seededRandom(9);
    const faceIndex = createFaceIndex();
    await search(randomUnitVector(DIMENSIONS, random), faceIndex);
    // Written after this index's last catch-up, as another replica would.
    const template = randomUnitVector(DIMENSIONS, random);
    const humanId = await enroll(template);
    assert.equal((await search(nearDuplicate(template, 0.7, random), faceIndex))?.humanId, humanId);
  });

  it('never matches an erased template, though the index still held it, and evicts it', async () => {
    const random = seededRandom(13);
    const template = randomUnitVector(DIMENSIONS, random);
    const humanId = await enroll(template);
    const faceIndex = createFaceIndex();
    assert.equal((await search(template, faceIndex))?.humanId, humanId);
    const heldBefore = faceIndex.size('test');
    // Deleted without any invalidation reaching this index.
    assert.equal(await store().deleteFaceTemplate(humanId), true);
    const match = await search(template, faceIndex);
    assert.notEqual(match?.humanId, humanId);
    assert.ok((match?.similarity ?? 0) < 0.5);
    assert.equal(faceIndex.size('test'), heldBefore - 1);
  });

  it('evicts a human erased elsewhere at the next catch-up once told by an invalidation', async () => {
    const random = seededRandom(17);
    const humanId = await enroll(randomUnitVector(DIMENSIONS, random));
    const faceIndex = createFaceIndex();
    await search(randomUnitVector(DIMENSIONS, random), faceIndex);
    const heldBefore = faceIndex.size('test');
    await store().deleteHuman(humanId);
    faceIndex.noteInvalidation({ kind: 'human', humanId });
    await search(randomUnitVector(DIMENSIONS, random), faceIndex);
    assert.equal(faceIndex.size('test'), heldBefore - 1);
  });

  it('matches the renewed template, not the old one', async () => {
    const random = seededRandom(21);
    const old = randomUnitVector(DIMENSIONS, random);
    const humanId = await enroll(old);
    const faceIndex = createFaceIndex();
    assert.equal((await search(old, faceIndex))?.humanId, humanId);
    const renewed = randomUnitVector(DIMENSIONS, random);
    await store().transaction((tx) =>
      storeFaceTemplate(
        tx,
        { secrets, clock },
        { humanId, mode: 'test', template: renewed, modelVersion: 'model-1' },
      ),
    );
    assert.notEqual((await search(old, faceIndex))?.humanId, humanId);
    const match = await search(renewed, faceIndex);
    assert.equal(match?.humanId, humanId);
    assert.ok((match?.similarity ?? 0) > 0.9999);
  });

  it('keeps modes and model versions apart, and skips excluded humans', async () => {
    const random = seededRandom(25);
    const template = randomUnitVector(DIMENSIONS, random);
    const liveId = await enroll(template, 'live', 'model-x');
    const faceIndex = createFaceIndex();
    assert.equal(
      (await search(template, faceIndex, { mode: 'live', modelVersion: 'model-x' }))?.humanId,
      liveId,
    );
    assert.notEqual(
      (await search(template, faceIndex, { mode: 'test', modelVersion: 'model-x' }))?.humanId,
      liveId,
    );
    assert.equal(await search(template, faceIndex, { mode: 'live', modelVersion: 'model-y' }), null);
    const twin = await enroll(nearDuplicate(template, 0.9, random), 'live', 'model-x');
    assert.equal(
      (
        await search(template, faceIndex, {
          mode: 'live',
          modelVersion: 'model-x',
          excludeHumanIds: [liveId],
        })
      )?.humanId,
      twin,
    );
  });

  it('refuses to search when a stored template was moved to another human (it does not open)', async () => {
    const random = seededRandom(29);
    const template = randomUnitVector(DIMENSIONS, random);
    const victim = await enroll(template, 'live', 'model-moved');
    const [record] = await store().findFaceTemplatesByHumanIds('live', [victim]);
    assert.ok(record);
    const other = await addHuman(store(), { mode: 'live' });
    await store().replaceFaceTemplate({ ...record, humanId: other.id });
    await assert.rejects(
      search(template, createFaceIndex(), { mode: 'live', modelVersion: 'model-moved' }),
      SealedSecretError,
    );
    await store().deleteFaceTemplate(other.id);
  });

  it('refuses a template that is not L2-normalised', async () => {
    await assert.rejects(search(new Float32Array(DIMENSIONS).fill(1)), /normalised/);
  });
});
