// `npm run bench:face-search`: how the face-uniqueness search (apps/server/src/core/uniqueness/) scales,
// single-threaded, on synthetic L2-normalised templates at the embedding length. For each size, some
// queries are planted near-duplicates: a stored template turned away from itself to a cosine drawn in
// [0.6, 0.8] (the same face seen again); recall@1 is the share whose best answer is that template.
// Indexes: the exact float32 scan the server ships (createExactFaceScan); an int8-quantised scan (a
// candidate to quarter memory, re-ranked exactly by the server's re-check, so its recall@4 is the one
// that matters); and, when `hnswlib-node` is installed (npm install --no-save -E hnswlib-node@3.0.0;
// it is not a dependency), HNSW at two search widths. Memory is the process's heap + array buffers
// (+ resident set for HNSW, whose graph is native) after building, divided by the templates held.
// Never run in CI (speed belongs here, not in tests). Options: --dimensions <n> (1024), --sizes
// <list> (10000,100000,1000000), --queries <n> (200), --hnsw-max <n> (largest size HNSW is built for,
// 100000: ~670 inserts/s), --seed <n>. Run 1M with `nice`: it holds ~5 GB for the float32 scan.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createExactFaceScan } from '../apps/server/src/core/uniqueness/face-index.ts';
import { nearDuplicate, type Random, seededRandom } from '../apps/server/test/support/face-vectors.ts';

const { values } = parseArgs({
  options: {
    dimensions: { type: 'string', default: '1024' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    queries: { type: 'string', default: '200' },
    'hnsw-max': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
  },
});
const dimensions = Number(values.dimensions);
const sizes = values.sizes.split(',').map(Number);
const queryCount = Number(values.queries);
const hnswMax = Number(values['hnsw-max']);
const seed = Number(values.seed);
const CANDIDATES = 4;

interface HnswIndex {
  initIndex(maxElements: number, m?: number, efConstruction?: number, randomSeed?: number): void;
  addPoint(point: number[], label: number): void;
  setEf(ef: number): void;
  searchKnn(query: number[], k: number): { neighbors: number[]; distances: number[] };
}
type HnswModule = { HierarchicalNSW: new (space: 'ip', dimensions: number) => HnswIndex };

function isHnswModule(value: unknown): value is HnswModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'HierarchicalNSW' in value &&
    typeof value.HierarchicalNSW === 'function'
  );
}

async function loadHnsw(): Promise<HnswModule | null> {
  // A variable specifier: the module is optional and absent from the lockfile.
  const specifier = 'hnswlib-node';
  try {
    const loaded: unknown = await import(specifier);
    if (isHnswModule(loaded)) return loaded;
    if (
      typeof loaded === 'object' &&
      loaded !== null &&
      'default' in loaded &&
      isHnswModule(loaded.default)
    ) {
      return loaded.default;
    }
    return null;
  } catch {
    return null;
  }
}

/** Uniform in the cube, normalised: cheap, and random templates' cosines sit near 0 either way. */
function fillUnitVector(target: Float32Array, random: Random): void {
  let squares = 0;
  for (let index = 0; index < target.length; index++) {
    const value = random() * 2 - 1;
    target[index] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  for (let index = 0; index < target.length; index++) target[index] = (target[index] ?? 0) / norm;
}

function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length))] ?? Number.NaN;
}

function heldBytes(): number {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

interface Row {
  size: number;
  index: string;
  buildSeconds: number;
  p50Ms: number;
  p99Ms: number;
  recallAt1: number;
  recallAt4: number;
  bytesPerTemplate: number;
}

interface Planted {
  label: number;
  query: Float32Array;
}

function measure(
  size: number,
  index: string,
  buildSeconds: number,
  bytesPerTemplate: number,
  planted: Planted[],
  search: (query: Float32Array) => number[],
): Row {
  const timesMs: number[] = [];
  let hitsAt1 = 0;
  let hitsAt4 = 0;
  for (const { label, query } of planted) {
    const started = performance.now();
    const labels = search(query);
    timesMs.push(performance.now() - started);
    if (labels[0] === label) hitsAt1++;
    if (labels.includes(label)) hitsAt4++;
  }
  timesMs.sort((a, b) => a - b);
  return {
    size,
    index,
    buildSeconds,
    p50Ms: percentile(timesMs, 0.5),
    p99Ms: percentile(timesMs, 0.99),
    recallAt1: hitsAt1 / planted.length,
    recallAt4: hitsAt4 / planted.length,
    bytesPerTemplate,
  };
}

/** Int8 per-template symmetric quantisation (scale = max |x| / 127), scanned with the stored scale. */
function buildInt8Scan(size: number, vectorAt: VectorAt) {
  const codes = new Int8Array(size * dimensions);
  const scales = new Float32Array(size);
  const scratch = new Float32Array(dimensions);
  for (let label = 0; label < size; label++) {
    vectorAt(label, scratch);
    let max = 0;
    for (const value of scratch) max = Math.max(max, Math.abs(value));
    const scale = max / 127;
    scales[label] = scale;
    const offset = label * dimensions;
    for (let index = 0; index < dimensions; index++)
      codes[offset + index] = Math.round((scratch[index] ?? 0) / scale);
  }
  return (query: Float32Array): number[] => {
    const best: Array<{ label: number; score: number }> = [];
    for (let label = 0; label < size; label++) {
      const offset = label * dimensions;
      let a = 0;
      let b = 0;
      for (let index = 0; index < dimensions; index += 2) {
        a += (codes[offset + index] ?? 0) * (query[index] ?? 0);
        b += (codes[offset + index + 1] ?? 0) * (query[index + 1] ?? 0);
      }
      const score = (a + b) * (scales[label] ?? 0);
      if (best.length === CANDIDATES && score <= (best[CANDIDATES - 1]?.score ?? -Infinity)) continue;
      let position = best.length;
      while (position > 0 && (best[position - 1]?.score ?? Infinity) < score) position--;
      best.splice(position, 0, { label, score });
      if (best.length > CANDIDATES) best.pop();
    }
    return best.map((entry) => entry.label);
  };
}

type VectorAt = (label: number, target: Float32Array) => void;

// One function per index, so each index is garbage once measured and the next is built alone.
function benchExact(size: number, vectorAt: VectorAt, planted: Planted[]): Row {
  const scratch = new Float32Array(dimensions);
  const before = heldBytes();
  const started = performance.now();
  const exact = createExactFaceScan(dimensions);
  for (let label = 0; label < size; label++) {
    vectorAt(label, scratch);
    exact.upsert(String(label), scratch);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const bytes = (heldBytes() - before) / size;
  return measure(size, 'exact float32 scan (shipped)', buildSeconds, bytes, planted, (query) =>
    exact.topK(query, CANDIDATES).map((candidate) => Number(candidate.humanId)),
  );
}

function benchInt8(size: number, vectorAt: VectorAt, planted: Planted[]): Row {
  const before = heldBytes();
  const started = performance.now();
  const int8 = buildInt8Scan(size, vectorAt);
  const buildSeconds = (performance.now() - started) / 1000;
  const bytes = (heldBytes() - before) / size;
  return measure(size, 'int8 scan, top-4', buildSeconds, bytes, planted, int8);
}

function benchHnsw(size: number, vectorAt: VectorAt, planted: Planted[], hnsw: HnswModule): Row[] {
  const scratch = new Float32Array(dimensions);
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const graph = new hnsw.HierarchicalNSW('ip', dimensions);
  graph.initIndex(size, 16, 200, seed);
  for (let label = 0; label < size; label++) {
    vectorAt(label, scratch);
    graph.addPoint(Array.from(scratch), label);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const bytes = (process.memoryUsage().rss - rssBefore) / size;
  return [64, 256].map((ef) => {
    graph.setEf(ef);
    return measure(
      size,
      `HNSW M=16 efC=200 ef=${ef}`,
      buildSeconds,
      bytes,
      planted,
      (query) => graph.searchKnn(Array.from(query), CANDIDATES).neighbors,
    );
  });
}

function benchSize(size: number, hnsw: HnswModule | null): Row[] {
  const rows: Row[] = [];
  // Every template is regenerated from its label's seed, so the three indexes see the same data
  // without the bench holding a second copy of it.
  const vectorAt: VectorAt = (label, target) =>
    fillUnitVector(target, seededRandom(seed * 1_000_003 + label));
  const random = seededRandom(seed);
  const planted: Planted[] = [];
  const base = new Float32Array(dimensions);
  for (let count = 0; count < queryCount; count++) {
    const label = Math.floor(random() * size);
    vectorAt(label, base);
    planted.push({ label, query: nearDuplicate(base, 0.6 + random() * 0.2, random) });
  }

  rows.push(benchExact(size, vectorAt, planted));
  process.stderr.write(`${size}: exact done\n`);
  rows.push(benchInt8(size, vectorAt, planted));
  process.stderr.write(`${size}: int8 done\n`);
  if (hnsw && size <= hnswMax) {
    rows.push(...benchHnsw(size, vectorAt, planted, hnsw));
    process.stderr.write(`${size}: hnsw done\n`);
  }
  return rows;
}

function formatRow(row: Row): string {
  return [
    row.size.toLocaleString('en'),
    row.index,
    row.buildSeconds.toFixed(1),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    row.recallAt1.toFixed(3),
    row.recallAt4.toFixed(3),
    Math.round(row.bytesPerTemplate).toLocaleString('en'),
  ].join(' | ');
}

const hnsw = await loadHnsw();
process.stdout.write(
  `face search: ${dimensions}-d, ${queryCount} planted queries (cosine 0.6–0.8), single thread, ` +
    `${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}` +
    `${hnsw ? '' : ', hnswlib-node not installed (HNSW skipped)'}${globalThis.gc ? '' : ', no --expose-gc (memory rough)'}\n\n`,
);
process.stdout.write(
  '| templates | index | build s | p50 ms | p99 ms | recall@1 | recall@4 | bytes/template |\n' +
    '|---|---|---|---|---|---|---|---|\n',
);
for (const size of sizes) {
  for (const row of benchSize(size, hnsw)) process.stdout.write(`| ${formatRow(row)} |\n`);
}
