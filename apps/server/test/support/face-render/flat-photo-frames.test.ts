// The attack case: a flat photo waved at the camera. However it is panned, spun or tilted, Human
// should read no head turn from it; this is what the head-turn challenge relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFacesRgb, getSharedHuman, readHumanAnglesDeg } from './detect-faces.ts';
import { flatPhotoFrames } from './flat-photo-frames.ts';
import { ASTRONAUT_PHOTO_PATH, decodeJpegRgb, encodeJpegRgb, readPhotoRgb } from './rgb-image.ts';

describe('flatPhotoFrames, measured by Human', () => {
  it('a waved, keystone-tilted photo shows almost no yaw, and pitch stays at the photo’s own', async (t) => {
    const human = await getSharedHuman();
    const photo = readPhotoRgb(ASTRONAUT_PHOTO_PATH);
    const [still] = await detectFacesRgb(human, photo);
    assert.ok(still, 'no face in the photo itself');
    const photoAngles = readHumanAnglesDeg(still);
    const faceCentre = { x: still.box[0] + still.box[2] / 2, y: still.box[1] + still.box[3] / 2 };
    const frames = flatPhotoFrames(photo, 8, {
      aimAtPx: faceCentre,
      photoHeightFraction: 1.6,
      maxTiltDeg: 30,
    });
    const yaws: number[] = [];
    const pitches: number[] = [];
    for (const frame of frames) {
      const [face] = await detectFacesRgb(human, decodeJpegRgb(encodeJpegRgb(frame)));
      if (!face) continue;
      const angles = readHumanAnglesDeg(face);
      yaws.push(angles.yawDeg);
      pitches.push(angles.pitchDeg);
    }
    const format = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');
    t.diagnostic(
      `photo itself: yaw ${photoAngles.yawDeg.toFixed(1)}°, pitch ${photoAngles.pitchDeg.toFixed(1)}°`,
    );
    t.diagnostic(`waved frames: yaw [${format(yaws)}]°, pitch [${format(pitches)}]°`);
    assert.ok(yaws.length >= 6, `the face was found in only ${yaws.length} of 8 frames`);
    for (const yaw of yaws) assert.ok(Math.abs(yaw) < 8, `flat photo read with yaw ${yaw}`);
    for (const pitch of pitches)
      assert.ok(Math.abs(pitch - photoAngles.pitchDeg) < 8, `flat photo read with pitch ${pitch}`);
  });
});
