// Synthetic face templates for tests and bench/face-search.ts: seeded random unit vectors (so a failing
// case reproduces) and "near-duplicates", a vector turned away from a given one to an exact cosine,
// standing for the same face seen again.
import { createSeededRandom } from './face-render/seeded-random.ts';

export type Random = () => number;

/** Seeded, so a failing case reproduces (the renderer's generator). */
export const seededRandom = createSeededRandom;

function gaussian(random: Random): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalised(values: Float64Array): Float32Array {
  let squares = 0;
  for (const value of values) squares += value * value;
  const norm = Math.sqrt(squares);
  return Float32Array.from(values, (value) => value / norm);
}

/** Uniform on the unit sphere. */
export function randomUnitVector(dimensions: number, random: Random): Float32Array {
  return normalised(Float64Array.from({ length: dimensions }, () => gaussian(random)));
}

/** A unit vector whose cosine with the unit vector `base` is `cosine` (up to float32 rounding). */
export function nearDuplicate(base: Float32Array, cosine: number, random: Random): Float32Array {
  const noise = Float64Array.from({ length: base.length }, () => gaussian(random));
  let along = 0;
  for (let index = 0; index < base.length; index++) along += (noise[index] ?? 0) * (base[index] ?? 0);
  for (let index = 0; index < base.length; index++)
    noise[index] = (noise[index] ?? 0) - along * (base[index] ?? 0);
  const orthogonal = normalised(noise);
  const sine = Math.sqrt(1 - cosine * cosine);
  return normalised(
    Float64Array.from(base, (value, index) => cosine * value + sine * (orthogonal[index] ?? 0)),
  );
}
