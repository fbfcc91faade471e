// `npm run bench:face-thresholds`: how far apart the face embeddings of the same person and of
// different people are, on the photos installed with the test material, to choose the similarity
// thresholds of face matching (docs/face-matching.md holds the last run's figures and the choice).
// Runs the server's own per-frame pipeline (decode → detect → mesh → embedding, analyze-frame.ts)
// in-process, with more faces allowed per photo than a verification frame may hold.
// Genuine pairs (same person):
//   - different photos: the man across row 1 of Human's face-match screenshot (thumbnails 1–11);
//   - renders: a 3-D head built from one photo, turned (yaw ±20°, pitch ±15°) against the photo;
//   - same photo altered: re-encoded at quality 50, scaled to half, cropped, brightness ±40.
// Impostor pairs: every pair of different people among face-api's demo photos (22 faces), the
// astronaut and the man of row 1; rows 3–6 of the face-match screenshot only against the astronaut and
// the man (those thumbnails repeat people, and include the face-api photos' faces).
// Options: --renders <n> (faces turned by the renderer, default 6), --json (machine-readable output).
import { parseArgs } from 'node:util';
import type { Config, Human } from '@vladmandic/human';
import type { FaceObservation } from '../apps/server/src/core/liveness/face-analyzer.ts';
import { analyzeFrame } from '../apps/server/src/face/analyze-frame.ts';
import {
  loadHumanRuntime,
  resolveHumanModelsDir,
  resolveWasmBinariesDir,
  serverAnalysisConfig,
} from '../apps/server/src/face/human-runtime.ts';
import {
  ASTRONAUT_PNG_PATH,
  crop,
  encodeJpeg,
  faceApiSamplePath,
  facematchScreenshotPath,
  fitWithin,
  type RgbaImage,
  readJpegRgba,
  readPngRgba,
  resize,
  shiftBrightness,
} from '../apps/server/test/support/face-material.ts';
import { getSharedHuman } from '../apps/server/test/support/face-render/detect-faces.ts';
import { buildFaceModel } from '../apps/server/test/support/face-render/face-model.ts';
import { renderFramesJpeg } from '../apps/server/test/support/face-render/render-face-frame.ts';
import type { RgbImage } from '../apps/server/test/support/face-render/rgb-image.ts';

const { values } = parseArgs({
  options: { renders: { type: 'string', default: '6' }, json: { type: 'boolean', default: false } },
});
const renderedFaceCount = Number(values.renders);

type PairKind = 'different-photos' | 'renders' | 'same-photo-altered';

interface DescribedFace {
  /** Who it is: equal labels are the same person. */
  person: string;
  /** Which photo it comes from (variants of one photo share it). */
  photo: string;
  /** How this copy was made: 'original', 'render yaw+20', 'quality 50', … */
  variant: string;
  embedding: Float32Array;
}

async function loadBenchHuman(): Promise<Human> {
  const config = serverAnalysisConfig(resolveHumanModelsDir(), resolveWasmBinariesDir());
  // A verification frame is refused with more than one face; the group photos hold up to five.
  const face = { ...config.face, detector: { ...config.face?.detector, maxDetected: 10 } };
  return loadHumanRuntime({ config: { face } as Partial<Config> });
}

async function facesIn(human: Human, image: RgbaImage): Promise<FaceObservation[]> {
  const analysis = await analyzeFrame(human, encodeJpeg(image, 92));
  if (!analysis.ok) throw new Error(`frame refused: ${analysis.problem}`);
  return analysis.faces;
}

function largestFace(faces: readonly FaceObservation[]): FaceObservation | undefined {
  return faces.reduce<FaceObservation | undefined>(
    (best, face) =>
      !best || face.box.width * face.box.height > best.box.width * best.box.height ? face : best,
    undefined,
  );
}

function rgbaToRgb(image: RgbaImage): RgbImage {
  const data = new Uint8Array(image.widthPx * image.heightPx * 3);
  for (let pixel = 0; pixel < image.widthPx * image.heightPx; pixel++) {
    data.set(image.rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
  }
  return { widthPx: image.widthPx, heightPx: image.heightPx, data };
}

/** The face's surroundings: its box grown to `factor` times its size, at least 160 px a side. */
function faceRegion(image: RgbaImage, face: FaceObservation, factor: number): RgbaImage {
  const centreX = (face.box.x + face.box.width / 2) * image.widthPx;
  const centreY = (face.box.y + face.box.height / 2) * image.heightPx;
  const side = Math.max(face.box.width * image.widthPx, face.box.height * image.heightPx) * factor;
  const region = crop(image, { x: centreX - side / 2, y: centreY - side / 2, width: side, height: side });
  const shortSide = Math.min(region.widthPx, region.heightPx);
  if (shortSide >= 200) return region;
  const scale = 200 / shortSide;
  return resize(region, Math.round(region.widthPx * scale), Math.round(region.heightPx * scale));
}

/** Altered copies of one face's photo, each described again from scratch. */
async function describeVariants(
  human: Human,
  region: RgbaImage,
  person: string,
  photo: string,
): Promise<DescribedFace[]> {
  const variants: Array<[string, Uint8Array]> = [
    ['quality 50', encodeJpeg(region, 50)],
    [
      'half size',
      encodeJpeg(resize(region, Math.round(region.widthPx / 2), Math.round(region.heightPx / 2))),
    ],
    [
      'cropped',
      encodeJpeg(
        crop(region, {
          x: region.widthPx * 0.1,
          y: region.heightPx * 0.05,
          width: region.widthPx * 0.8,
          height: region.heightPx * 0.85,
        }),
      ),
    ],
    ['brighter', encodeJpeg(shiftBrightness(region, 40))],
    ['darker', encodeJpeg(shiftBrightness(region, -40))],
  ];
  const described: DescribedFace[] = [];
  for (const [variant, jpeg] of variants) {
    const analysis = await analyzeFrame(human, jpeg);
    const face = analysis.ok ? largestFace(analysis.faces) : undefined;
    if (face?.embedding) described.push({ person, photo, variant, embedding: face.embedding });
  }
  return described;
}

async function describeGroupPhotos(human: Human): Promise<DescribedFace[]> {
  const described: DescribedFace[] = [];
  for (const sample of [1, 2, 3, 4, 5, 6] as const) {
    const photo = fitWithin(readJpegRgba(faceApiSamplePath(sample)), 1200);
    const faces = await facesIn(human, photo);
    for (const [index, face] of faces.entries()) {
      if (!face.embedding) continue;
      const person = `face-api sample${sample} face ${index + 1}`;
      described.push({ person, photo: person, variant: 'original', embedding: face.embedding });
      described.push(...(await describeVariants(human, faceRegion(photo, face, 2.2), person, person)));
    }
  }
  return described;
}

async function describeAstronaut(human: Human): Promise<DescribedFace[]> {
  const photo = readPngRgba(ASTRONAUT_PNG_PATH);
  const [face] = await facesIn(human, photo);
  if (!face?.embedding) throw new Error('no face in the astronaut portrait');
  const person = 'astronaut';
  return [
    { person, photo: person, variant: 'original', embedding: face.embedding },
    ...(await describeVariants(human, photo, person, person)),
  ];
}

/** Human's face-match screenshot: 6 rows of 18 thumbnails, ~107 px square, on a 112.4 px pitch. */
function screenshotThumbnail(screenshot: RgbaImage, row: number, column: number): RgbaImage {
  const thumbnail = crop(screenshot, {
    x: column * (1920 / 18) + 2,
    y: 283 + row * 112.4,
    width: 103,
    height: 107,
  });
  // Upscaled past the 160 px the server requires; the description model sees 224 px faces anyway.
  return resize(thumbnail, thumbnail.widthPx * 2, thumbnail.heightPx * 2);
}

/**
 * Row 1 is sorted by similarity to one man: thumbnails 1–11 are him (checked by eye); 12–18 and all
 * of row 2 (also sorted by similarity to him, several look like him) are left out of both sets, since
 * their identity is uncertain. Rows 3–6 are other people, mostly women from the same parties; they
 * are compared only with faces from outside the screenshot (see otherPersonKey), since the same
 * woman appears in several thumbnails.
 */
async function describeScreenshot(human: Human): Promise<{ faces: DescribedFace[]; missed: number }> {
  const screenshot = readJpegRgba(facematchScreenshotPath());
  const faces: DescribedFace[] = [];
  let missed = 0;
  const take = async (row: number, column: number, person: string) => {
    const face = largestFace(await facesIn(human, screenshotThumbnail(screenshot, row, column)));
    if (!face?.embedding) {
      missed += 1;
      return;
    }
    faces.push({
      person,
      photo: `screenshot r${row + 1} c${column + 1}`,
      variant: 'original',
      embedding: face.embedding,
    });
  };
  for (let column = 0; column < 11; column++) await take(0, column, 'screenshot man');
  for (let row = 2; row < 6; row++) {
    for (let column = 0; column < 18; column++)
      await take(row, column, `screenshot r${row + 1} c${column + 1}`);
  }
  return { faces, missed };
}

/** Faces turned by the renderer: the photo against its renders, which must still be the same person. */
async function describeRenders(human: Human, count: number): Promise<DescribedFace[]> {
  const sources: Array<{ person: string; photo: RgbImage; faceIndex: number }> = [
    { person: 'astronaut', photo: rgbaToRgb(readPngRgba(ASTRONAUT_PNG_PATH)), faceIndex: 0 },
  ];
  for (const sample of [1, 2, 3, 4, 5, 6] as const) {
    const photo = fitWithin(readJpegRgba(faceApiSamplePath(sample)), 1200);
    const faces = await facesIn(human, photo);
    // The most frontal face of each photo, upright and large enough: the renderer builds its head
    // from a frontal view and stretches the photo's pixels over it.
    let best = -1;
    faces.forEach((face, index) => {
      const bestFace = faces[best];
      if (Math.abs(face.rollDeg) > 12 || face.box.width * photo.widthPx < 90) return;
      if (!bestFace || Math.abs(face.yawDeg) < Math.abs(bestFace.yawDeg)) best = index;
    });
    if (best >= 0)
      sources.push({
        person: `face-api sample${sample} face ${best + 1}`,
        photo: rgbaToRgb(photo),
        faceIndex: best,
      });
  }
  const poses = [
    { yawDeg: 0, pitchDeg: 0 },
    { yawDeg: 20, pitchDeg: 0 },
    { yawDeg: -20, pitchDeg: 0 },
    { yawDeg: 0, pitchDeg: 15 },
    { yawDeg: 0, pitchDeg: -15 },
  ];
  const described: DescribedFace[] = [];
  const renderHuman = await getSharedHuman();
  for (const source of sources.slice(0, count)) {
    let model: Awaited<ReturnType<typeof buildFaceModel>>;
    try {
      // The renderer's Human and ours index faces alike: same models, same photo.
      model = await buildFaceModel(source.photo, { human: renderHuman, faceIndex: source.faceIndex });
    } catch {
      continue;
    }
    const frames = renderFramesJpeg(model, poses);
    for (const [index, frame] of frames.entries()) {
      const analysis = await analyzeFrame(human, frame);
      const face = analysis.ok ? largestFace(analysis.faces) : undefined;
      const pose = poses[index];
      if (!face?.embedding || !pose) continue;
      described.push({
        person: source.person,
        photo: source.person,
        variant: `render yaw ${pose.yawDeg} pitch ${pose.pitchDeg}`,
        embedding: face.embedding,
      });
    }
  }
  return described;
}

function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let index = 0; index < a.length; index++) dot += (a[index] ?? 0) * (b[index] ?? 0);
  return dot;
}

function isScreenshotStranger(face: DescribedFace): boolean {
  return face.person.startsWith('screenshot r');
}

function isGroupPhotoFace(face: DescribedFace): boolean {
  return face.person.startsWith('face-api');
}

interface Pair {
  similarity: number;
  a: DescribedFace;
  b: DescribedFace;
}

function classify(a: DescribedFace, b: DescribedFace): PairKind | 'impostor' | null {
  if (a.person !== b.person) {
    // The screenshot's strangers repeat among themselves and include face-api's demo photos (Human's
    // demo matched against the same party photos): they are compared only with the astronaut and the
    // screenshot's man.
    if (isScreenshotStranger(a) && (isScreenshotStranger(b) || isGroupPhotoFace(b))) return null;
    if (isScreenshotStranger(b) && isGroupPhotoFace(a)) return null;
    // Altered copies would count the same stranger pair several times.
    if (a.variant !== 'original' || b.variant !== 'original') return null;
    return 'impostor';
  }
  if (a.photo !== b.photo) return 'different-photos';
  const renders = [a, b].filter((face) => face.variant.startsWith('render')).length;
  // A turned render against the photo it was built from (render against render would compare poses).
  if (renders === 1) return a.variant === 'original' || b.variant === 'original' ? 'renders' : null;
  if (renders === 2) return null;
  return 'same-photo-altered';
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(fraction * (sorted.length - 1))));
  return sorted[index] ?? Number.NaN;
}

function summarise(similarities: readonly number[]) {
  const sorted = [...similarities].sort((x, y) => x - y);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p1: percentile(sorted, 0.01),
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const human = await loadBenchHuman();
const started = performance.now();
const screenshot = await describeScreenshot(human);
const faces = [
  ...(await describeGroupPhotos(human)),
  ...(await describeAstronaut(human)),
  ...screenshot.faces,
  ...(await describeRenders(human, renderedFaceCount)),
];

const byKind = new Map<PairKind | 'impostor', Pair[]>();
for (let i = 0; i < faces.length; i++) {
  for (let j = i + 1; j < faces.length; j++) {
    const a = faces[i];
    const b = faces[j];
    if (!a || !b) continue;
    const kind = classify(a, b);
    if (!kind) continue;
    const pairs = byKind.get(kind) ?? [];
    pairs.push({ similarity: cosineSimilarity(a.embedding, b.embedding), a, b });
    byKind.set(kind, pairs);
  }
}

const similaritiesOf = (kind: PairKind | 'impostor') =>
  (byKind.get(kind) ?? []).map((pair) => pair.similarity);
const genuineKinds: PairKind[] = ['different-photos', 'renders', 'same-photo-altered'];
const impostor = similaritiesOf('impostor');
const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
const rates = thresholds.map((threshold) => ({
  threshold,
  falseMatchRate: impostor.filter((s) => s >= threshold).length / Math.max(1, impostor.length),
  falseNonMatchRate: Object.fromEntries(
    genuineKinds.map((kind) => {
      const genuine = similaritiesOf(kind);
      return [kind, genuine.filter((s) => s < threshold).length / Math.max(1, genuine.length)];
    }),
  ),
}));
const closestStrangers = [...(byKind.get('impostor') ?? [])]
  .sort((x, y) => y.similarity - x.similarity)
  .slice(0, 8)
  .map((pair) => ({ similarity: pair.similarity, a: pair.a.photo, b: pair.b.photo }));
const furthestGenuine = genuineKinds.flatMap((kind) =>
  [...(byKind.get(kind) ?? [])]
    .sort((x, y) => x.similarity - y.similarity)
    .slice(0, 3)
    .map((pair) => ({
      kind,
      similarity: pair.similarity,
      a: `${pair.a.photo} (${pair.a.variant})`,
      b: `${pair.b.photo} (${pair.b.variant})`,
    })),
);

const report = {
  faces: faces.length,
  people: new Set(faces.map((face) => face.person)).size,
  screenshotThumbnailsWithoutFace: screenshot.missed,
  distributions: Object.fromEntries(
    [...genuineKinds, 'impostor' as const].map((kind) => [kind, summarise(similaritiesOf(kind))]),
  ),
  rates,
  closestStrangers,
  furthestGenuine,
  seconds: Math.round((performance.now() - started) / 1000),
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const f = (value: number) => value.toFixed(3);
  const lines = [
    `${report.faces} face descriptions of ${report.people} people (${report.screenshotThumbnailsWithoutFace} screenshot thumbnails without a detected face), ${report.seconds} s`,
    '',
    'cosine similarity   pairs    min     p1     p5    p50    p95    p99    max',
  ];
  for (const [kind, s] of Object.entries(report.distributions)) {
    lines.push(
      `${kind.padEnd(19)} ${String(s.count).padStart(6)} ${[s.min, s.p1, s.p5, s.p50, s.p95, s.p99, s.max].map(f).join('  ')}`,
    );
  }
  lines.push('', 'threshold   FMR        FNMR different photos / renders / same photo altered');
  for (const rate of rates) {
    const fnmr = genuineKinds.map((kind) => (rate.falseNonMatchRate[kind] ?? 0).toFixed(3)).join(' / ');
    lines.push(`${rate.threshold.toFixed(2)}        ${rate.falseMatchRate.toExponential(2)}   ${fnmr}`);
  }
  lines.push('', 'closest strangers:');
  for (const pair of closestStrangers) lines.push(`  ${f(pair.similarity)}  ${pair.a}  ~  ${pair.b}`);
  lines.push('', 'least similar genuine pairs:');
  for (const pair of furthestGenuine)
    lines.push(`  ${pair.kind}: ${f(pair.similarity)}  ${pair.a}  ~  ${pair.b}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
