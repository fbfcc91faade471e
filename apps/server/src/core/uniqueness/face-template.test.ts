import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SealedSecretError } from '../sealed-secret.ts';
import {
  averageEmbeddings,
  cosineSimilarity,
  FaceTemplateError,
  openFaceTemplate,
  sealFaceTemplate,
} from './face-template.ts';

const KEY = randomBytes(32);
const BINDING = { humanId: 'hum_a', mode: 'live', modelVersion: 'model-1' } as const;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (value) => value / norm);
}

describe('averageEmbeddings', () => {
  it('is the mean, L2-normalised', () => {
    const average = averageEmbeddings([Float32Array.of(1, 0, 0), Float32Array.of(0, 1, 0)]);
    assert.deepEqual([...average], [...Float32Array.of(Math.SQRT1_2, Math.SQRT1_2, 0)]);
  });

  it('normalises a single embedding', () => {
    assert.deepEqual([...averageEmbeddings([Float32Array.of(3, 4)])], [...Float32Array.of(0.6, 0.8)]);
  });

  it('refuses no embeddings, empty ones and mixed lengths', () => {
    assert.throws(() => averageEmbeddings([]), FaceTemplateError);
    assert.throws(() => averageEmbeddings([new Float32Array(0)]), FaceTemplateError);
    assert.throws(
      () => averageEmbeddings([new Float32Array(4).fill(1), new Float32Array(3).fill(1)]),
      /mixed/,
    );
  });

  it('refuses a zero mean and non-finite values', () => {
    assert.throws(() => averageEmbeddings([Float32Array.of(1, 0), Float32Array.of(-1, 0)]), /zero/);
    assert.throws(() => averageEmbeddings([Float32Array.of(Number.NaN, 1)]), /non-finite/);
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, 0 for orthogonal, -1 for opposite, and ignores length', () => {
    assert.equal(cosineSimilarity(Float32Array.of(2, 0), Float32Array.of(5, 0)), 1);
    assert.equal(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 3)), 0);
    assert.equal(cosineSimilarity(Float32Array.of(1, 1), Float32Array.of(-1, -1)), -1);
  });

  it('refuses vectors of different lengths', () => {
    assert.throws(() => cosineSimilarity(new Float32Array(2), new Float32Array(3)), FaceTemplateError);
  });
});

describe('sealFaceTemplate / openFaceTemplate', () => {
  const template = unit(Array.from({ length: 1024 }, (_, index) => Math.sin(index + 1)));

  it('round-trips the template bit for bit', () => {
    const sealed = sealFaceTemplate(template, KEY, BINDING);
    assert.deepEqual(openFaceTemplate(sealed, KEY, BINDING), template);
  });

  it('seals the same template differently each time (random IV)', () => {
    assert.notEqual(sealFaceTemplate(template, KEY, BINDING), sealFaceTemplate(template, KEY, BINDING));
  });

  it('does not open for another human, mode or model version, or under another key', () => {
    const sealed = sealFaceTemplate(template, KEY, BINDING);
    assert.throws(() => openFaceTemplate(sealed, KEY, { ...BINDING, humanId: 'hum_b' }), SealedSecretError);
    assert.throws(() => openFaceTemplate(sealed, KEY, { ...BINDING, mode: 'test' }), SealedSecretError);
    assert.throws(
      () => openFaceTemplate(sealed, KEY, { ...BINDING, modelVersion: 'model-2' }),
      SealedSecretError,
    );
    assert.throws(() => openFaceTemplate(sealed, randomBytes(32), BINDING), SealedSecretError);
  });

  it('keeps no separator ambiguity between the bound fields', () => {
    const sealed = sealFaceTemplate(template, KEY, { humanId: 'a:live', mode: 'live', modelVersion: 'm' });
    assert.throws(() =>
      openFaceTemplate(sealed, KEY, { humanId: 'a', mode: 'live', modelVersion: 'live:m' }),
    );
  });

  it('refuses to seal a template that is not L2-normalised', () => {
    assert.throws(() => sealFaceTemplate(Float32Array.of(1, 1), KEY, BINDING), /normalised/);
  });
});
