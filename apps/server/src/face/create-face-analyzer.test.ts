// The real models on real photos (no stand-ins): what core relies on from face analysis.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ASTRONAUT_PNG_PATH,
  crop,
  encodeJpeg,
  encodePng,
  faceApiSamplePath,
  fitWithin,
  mirrorHorizontally,
  readJpegRgba,
  readPngRgba,
  rotateInPlane,
} from '../../test/support/face-material.ts';
import { getSharedHuman } from '../../test/support/face-render/detect-faces.ts';
import { buildFaceModel } from '../../test/support/face-render/face-model.ts';
import { renderFramesJpeg } from '../../test/support/face-render/render-face-frame.ts';
import { ASTRONAUT_PHOTO_PATH, readPhotoRgb } from '../../test/support/face-render/rgb-image.ts';
import type { FaceObservation, FrameAnalysis } from '../core/liveness/face-analyzer.ts';
import { createFaceAnalyzer, FACE_MODEL_VERSION, type FaceAnalyzerPool } from './create-face-analyzer.ts';

let analyzer: FaceAnalyzerPool;

before(async () => {
  // Two threads, so that answering in order is exercised across threads.
  analyzer = createFaceAnalyzer({ threads: 2 });
  await analyzer.whenReady();
});

after(async () => {
  await analyzer.close();
});

function onlyFace(analysis: FrameAnalysis | undefined): FaceObservation {
  assert.ok(analysis?.ok, `expected an analysed frame, got ${JSON.stringify(analysis)}`);
  assert.equal(analysis.faces.length, 1);
  const [face] = analysis.faces;
  assert.ok(face);
  return face;
}

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

test('a frontal photo: one face, head straight, a unit-length 1024-number embedding', async () => {
  const [analysis] = await analyzer.analyzeFrames([encodeJpeg(readPngRgba(ASTRONAUT_PNG_PATH))]);
  assert.ok(analysis?.ok);
  assert.equal(analysis.widthPx, 512);
  const face = onlyFace(analysis);
  assert.ok(Math.abs(face.yawDeg) < 10, `yaw ${face.yawDeg}`);
  assert.ok(Math.abs(face.pitchDeg) < 15, `pitch ${face.pitchDeg}`);
  assert.ok(face.detectionScore > 0.7);
  // Her face is in the upper middle of the portrait.
  assert.ok(face.box.x > 0.2 && face.box.x + face.box.width < 0.8 && face.box.y < 0.3);
  assert.ok(face.embedding);
  assert.equal(face.embedding.length, 1024);
  assert.ok(Math.abs(norm(face.embedding) - 1) < 1e-4);
  assert.equal(analyzer.modelVersion, FACE_MODEL_VERSION);
});

test('yaw: a face turned to its own right is < 0, and its mirror image > 0', async () => {
  // face-api's sample2: the woman at the top left is in near profile, nose towards the image's left
  // (she turns to her own right). Cropped to her, so she is the only face and a large one.
  const photo = crop(fitWithin(readJpegRgba(faceApiSamplePath(2)), 1200), {
    x: 0,
    y: 0,
    width: 500,
    height: 450,
  });
  const [original, mirrored] = await analyzer.analyzeFrames([
    encodeJpeg(photo),
    encodeJpeg(mirrorHorizontally(photo)),
  ]);
  const turnedRightYawDeg = onlyFace(original).yawDeg;
  const turnedLeftYawDeg = onlyFace(mirrored).yawDeg;
  assert.ok(turnedRightYawDeg < -20, `original yaw ${turnedRightYawDeg}`);
  assert.ok(turnedLeftYawDeg > 20, `mirrored yaw ${turnedLeftYawDeg}`);
  // Mirroring flips the sign and keeps roughly the size (the mesh is not exactly symmetric).
  assert.ok(Math.abs(turnedRightYawDeg + turnedLeftYawDeg) < 15);
});

test('rendered turns: own left and looking up are > 0 (renders of known pose)', async () => {
  // A 3-D head built from the astronaut portrait, turned by a known amount (test/support/face-render).
  const model = await buildFaceModel(readPhotoRgb(ASTRONAUT_PHOTO_PATH), { human: await getSharedHuman() });
  const poses = [
    { yawDeg: 0, pitchDeg: 0 },
    { yawDeg: 25, pitchDeg: 0 },
    { yawDeg: -25, pitchDeg: 0 },
    { yawDeg: 0, pitchDeg: 15 },
    { yawDeg: 0, pitchDeg: -15 },
  ];
  const [frontal, ownLeft, ownRight, up, down] = (
    await analyzer.analyzeFrames(renderFramesJpeg(model, poses))
  ).map(onlyFace);
  assert.ok(frontal && ownLeft && ownRight && up && down);
  assert.ok(ownLeft.yawDeg - frontal.yawDeg > 12, `own left ${ownLeft.yawDeg}, frontal ${frontal.yawDeg}`);
  assert.ok(ownRight.yawDeg - frontal.yawDeg < -12, `own right ${ownRight.yawDeg}`);
  assert.ok(up.pitchDeg - frontal.pitchDeg > 6, `up ${up.pitchDeg}, frontal ${frontal.pitchDeg}`);
  assert.ok(down.pitchDeg - frontal.pitchDeg < -6, `down ${down.pitchDeg}`);
});

test('roll: the head leaning towards the image right (her own left shoulder) is > 0', async () => {
  const astronaut = readPngRgba(ASTRONAUT_PNG_PATH);
  const [upright, leaning, leaningOtherWay] = await analyzer.analyzeFrames([
    encodeJpeg(astronaut),
    encodeJpeg(rotateInPlane(astronaut, 20)),
    encodeJpeg(rotateInPlane(astronaut, -20)),
  ]);
  const uprightRollDeg = onlyFace(upright).rollDeg;
  assert.ok(
    onlyFace(leaning).rollDeg - uprightRollDeg > 12,
    `${onlyFace(leaning).rollDeg} vs ${uprightRollDeg}`,
  );
  assert.ok(onlyFace(leaningOtherWay).rollDeg - uprightRollDeg < -12);
});

test('a group photo: several faces, each with a box inside the frame', async () => {
  const [analysis] = await analyzer.analyzeFrames([
    encodeJpeg(fitWithin(readJpegRgba(faceApiSamplePath(1)), 1200)),
  ]);
  assert.ok(analysis?.ok);
  assert.ok(analysis.faces.length >= 3, `${analysis.faces.length} faces`);
  for (const face of analysis.faces) {
    assert.ok(face.box.x >= 0 && face.box.x + face.box.width <= 1);
    assert.ok(face.box.y >= 0 && face.box.y + face.box.height <= 1);
    assert.ok(face.embedding);
  }
});

test('refusals come back in place, between analysed frames, in the order sent', async () => {
  const astronaut = readPngRgba(ASTRONAUT_PNG_PATH);
  const oversized = encodeJpeg({
    widthPx: 1400,
    heightPx: 400,
    rgba: new Uint8Array(1400 * 400 * 4).fill(200),
  });
  const results = await analyzer.analyzeFrames([
    encodeJpeg(astronaut),
    new TextEncoder().encode('definitely not a photo'),
    encodePng(astronaut),
    oversized,
    encodeJpeg({ widthPx: 120, heightPx: 120, rgba: new Uint8Array(120 * 120 * 4).fill(200) }),
    encodeJpeg(mirrorHorizontally(astronaut)),
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]),
  ]);
  assert.equal(results.length, 7);
  onlyFace(results[0]);
  assert.deepEqual(results[1], { ok: false, problem: 'not_a_jpeg' });
  assert.deepEqual(results[2], { ok: false, problem: 'not_a_jpeg' });
  assert.deepEqual(results[3], { ok: false, problem: 'image_too_large' });
  assert.deepEqual(results[4], { ok: false, problem: 'image_too_small' });
  // The mirrored portrait: her face is now right of where it was.
  assert.ok(onlyFace(results[5]).box.x > onlyFace(results[0]).box.x);
  assert.deepEqual(results[6], { ok: false, problem: 'not_a_jpeg' });
});

test('a frame with no face is analysed, with no faces', async () => {
  const blank = { widthPx: 320, heightPx: 240, rgba: new Uint8Array(320 * 240 * 4).fill(60) };
  const [analysis] = await analyzer.analyzeFrames([encodeJpeg(blank)]);
  assert.deepEqual(analysis, { ok: true, widthPx: 320, heightPx: 240, faces: [] });
});
