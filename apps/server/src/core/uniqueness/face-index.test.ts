import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearDuplicate, randomUnitVector, seededRandom } from '../../../test/support/face-vectors.ts';
import { createExactFaceScan, type FaceCandidate } from './face-index.ts';
import { cosineSimilarity } from './face-template.ts';

const DIMENSIONS = 64;

/** The reference: every stored vector compared, sorted. */
function bruteForce(stored: Map<string, Float32Array>, query: Float32Array, k: number): FaceCandidate[] {
  return [...stored]
    .map(([humanId, template]) => ({ humanId, similarity: cosineSimilarity(query, template) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

function assertSameRanking(actual: FaceCandidate[], expected: FaceCandidate[]): void {
  assert.deepEqual(
    actual.map((candidate) => candidate.humanId),
    expected.map((candidate) => candidate.humanId),
  );
  for (const [index, candidate] of actual.entries()) {
    assert.ok(Math.abs(candidate.similarity - (expected[index]?.similarity ?? Number.NaN)) < 1e-5);
  }
}

describe('exact face scan', () => {
  it('returns exactly what a brute-force scan returns, planted near-duplicates first', () => {
    const random = seededRandom(7);
    const scan = createExactFaceScan(DIMENSIONS);
    const stored = new Map<string, Float32Array>();
    // More than the initial capacity, so the array grows.
    for (let index = 0; index < 3000; index++) {
      const template = randomUnitVector(DIMENSIONS, random);
      stored.set(`hum_${index}`, template);
      scan.upsert(`hum_${index}`, template);
    }
    for (let trial = 0; trial < 40; trial++) {
      const planted = `hum_${Math.floor(random() * 3000)}`;
      const base = stored.get(planted);
      assert.ok(base);
      const query = nearDuplicate(base, 0.6 + random() * 0.2, random);
      const expected = bruteForce(stored, query, 5);
      assert.equal(expected[0]?.humanId, planted);
      assertSameRanking(scan.topK(query, 5), expected);
    }
  });

  it('matches the reference after replacements and removals (swap-with-last keeps every slot right)', () => {
    const random = seededRandom(11);
    const scan = createExactFaceScan(DIMENSIONS);
    const stored = new Map<string, Float32Array>();
    for (let index = 0; index < 500; index++) {
      const template = randomUnitVector(DIMENSIONS, random);
      stored.set(`hum_${index}`, template);
      scan.upsert(`hum_${index}`, template);
    }
    for (let index = 0; index < 500; index += 3) {
      assert.equal(scan.remove(`hum_${index}`), true);
      stored.delete(`hum_${index}`);
    }
    for (let index = 1; index < 500; index += 7) {
      if (!stored.has(`hum_${index}`)) continue;
      const renewed = randomUnitVector(DIMENSIONS, random);
      stored.set(`hum_${index}`, renewed);
      scan.upsert(`hum_${index}`, renewed);
    }
    assert.equal(scan.size, stored.size);
    assert.equal(scan.remove('hum_0'), false);
    for (const [humanId, template] of [...stored].slice(0, 30)) {
      const query = nearDuplicate(template, 0.7, random);
      const expected = bruteForce(stored, query, 3);
      assert.equal(expected[0]?.humanId, humanId);
      assertSameRanking(scan.topK(query, 3), expected);
    }
  });

  it('skips excluded humans and refuses templates of another length', () => {
    const random = seededRandom(3);
    const scan = createExactFaceScan(DIMENSIONS);
    const template = randomUnitVector(DIMENSIONS, random);
    scan.upsert('hum_self', template);
    scan.upsert('hum_other', randomUnitVector(DIMENSIONS, random));
    assert.equal(scan.topK(template, 1)[0]?.humanId, 'hum_self');
    assert.equal(scan.topK(template, 1, new Set(['hum_self']))[0]?.humanId, 'hum_other');
    assert.throws(() => scan.upsert('hum_x', new Float32Array(DIMENSIONS + 1)), /length/);
    assert.throws(() => scan.topK(new Float32Array(DIMENSIONS - 1), 1), /length/);
  });
});
