// Calibration of the turning-head test material against the analyser the server runs: Human must
// measure real turns on the renders (a flat photo's yaw stays near zero), and still see the same
// person in them. The numbers are printed as diagnostics; docs for the sign conventions are in
// core/liveness/face-analyzer.ts (person's frame) and here (Human's raw signs).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FaceResult, Human } from '@vladmandic/human';
import { cosineSimilarity, detectFacesRgb, getSharedHuman, readHumanAnglesDeg } from './detect-faces.ts';
import { buildFaceModel, type FaceModel } from './face-model.ts';
import { type RenderFaceOptions, renderFaceFrame, renderFramesJpeg } from './render-face-frame.ts';
import {
  ASTRONAUT_PHOTO_PATH,
  createRgbImage,
  decodeJpegRgb,
  readPhotoRgb,
  resolveGroupPhotoPath,
} from './rgb-image.ts';

const POSES: Record<string, RenderFaceOptions> = {
  frontal: { yawDeg: 0, pitchDeg: 0 },
  ownLeft: { yawDeg: 25, pitchDeg: 0 },
  ownRight: { yawDeg: -25, pitchDeg: 0 },
  up: { yawDeg: 0, pitchDeg: 15 },
  down: { yawDeg: 0, pitchDeg: -15 },
};

describe('renderFaceFrame, measured by Human', () => {
  let human: Human;
  let astronaut: FaceModel;
  const measured = new Map<string, FaceResult>();

  before(async () => {
    human = await getSharedHuman();
    astronaut = await buildFaceModel(readPhotoRgb(ASTRONAUT_PHOTO_PATH), { human });
    const names = Object.keys(POSES);
    // Through JPEG, as the server receives frames.
    const jpegs = renderFramesJpeg(
      astronaut,
      names.map((name) => POSES[name] ?? { yawDeg: 0, pitchDeg: 0 }),
    );
    for (const [i, name] of names.entries()) {
      const [face] = await detectFacesRgb(human, decodeJpegRgb(jpegs[i] ?? new Uint8Array()));
      if (face) measured.set(name, face);
    }
  });

  function anglesOf(name: string) {
    const face = measured.get(name);
    assert.ok(face, `no face found in the ${name} render`);
    return readHumanAnglesDeg(face);
  }

  it('finds the face at every pose', () => {
    assert.deepEqual([...measured.keys()].sort(), Object.keys(POSES).sort());
  });

  it('reads the frontal render as frontal', (t) => {
    const frontal = anglesOf('frontal');
    t.diagnostic(`frontal: Human yaw ${frontal.yawDeg.toFixed(1)}°, pitch ${frontal.pitchDeg.toFixed(1)}°`);
    assert.ok(Math.abs(frontal.yawDeg) < 5 && Math.abs(frontal.pitchDeg) < 5);
  });

  it('measures a turn to the person’s own left as NEGATIVE Human yaw, own right as positive', (t) => {
    const left = anglesOf('ownLeft');
    const right = anglesOf('ownRight');
    t.diagnostic(`rendered yaw +25° (own left): Human yaw ${left.yawDeg.toFixed(1)}°`);
    t.diagnostic(`rendered yaw -25° (own right): Human yaw ${right.yawDeg.toFixed(1)}°`);
    assert.ok(left.yawDeg <= -15, `own left read as ${left.yawDeg}`);
    assert.ok(right.yawDeg >= 15, `own right read as ${right.yawDeg}`);
    assert.ok(Math.abs(left.pitchDeg) < 8 && Math.abs(right.pitchDeg) < 8);
  });

  it('measures looking up as NEGATIVE Human pitch, looking down as positive', (t) => {
    const up = anglesOf('up');
    const down = anglesOf('down');
    t.diagnostic(`rendered pitch +15° (up): Human pitch ${up.pitchDeg.toFixed(1)}°`);
    t.diagnostic(`rendered pitch -15° (down): Human pitch ${down.pitchDeg.toFixed(1)}°`);
    assert.ok(up.pitchDeg <= -8, `up read as ${up.pitchDeg}`);
    assert.ok(down.pitchDeg >= 8, `down read as ${down.pitchDeg}`);
    assert.ok(Math.abs(up.yawDeg) < 8 && Math.abs(down.yawDeg) < 8);
  });

  it('keeps the person: every pose is closer to the frontal render than another person is', async (t) => {
    const frontal = measured.get('frontal')?.embedding ?? [];
    const other = await buildFaceModel(readPhotoRgb(resolveGroupPhotoPath(1)), { human, faceIndex: 0 });
    const [otherFace] = await detectFacesRgb(human, renderFaceFrame(other, { yawDeg: 0, pitchDeg: 0 }));
    const otherSimilarity = cosineSimilarity(frontal, otherFace?.embedding ?? []);
    t.diagnostic(`another person (face-api sample1, face 0), frontal: cosine ${otherSimilarity.toFixed(3)}`);
    assert.ok(otherFace, 'no face in the other person’s render');
    assert.ok(otherSimilarity < 0.5);
    for (const name of ['ownLeft', 'ownRight', 'up', 'down']) {
      const similarity = cosineSimilarity(frontal, measured.get(name)?.embedding ?? []);
      t.diagnostic(`${name} vs frontal: cosine ${similarity.toFixed(3)}`);
      assert.ok(similarity >= 0.6, `${name}: ${similarity}`);
      assert.ok(similarity > otherSimilarity + 0.2);
    }
  });

  it('refuses to build a model from an image without a face', async () => {
    await assert.rejects(buildFaceModel(createRgbImage(128, 96), { human }), /no face mesh/);
  });

  it('gives two seeds different bytes for one pose', () => {
    const a = renderFaceFrame(astronaut, { yawDeg: 10, pitchDeg: 0, seed: 1 });
    const b = renderFaceFrame(astronaut, { yawDeg: 10, pitchDeg: 0, seed: 2 });
    assert.notDeepEqual(a.data, b.data);
  });
});
