import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { ASTRONAUT_PNG_PATH, encodeJpeg, readPngRgba, resize } from '../../test/support/face-material.ts';
import { analyzeFrame } from './analyze-frame.ts';
import { loadHumanRuntime } from './human-runtime.ts';

test('tensor memory stays flat over 50 frames (every tensor a frame creates is disposed)', async () => {
  const human = await loadHumanRuntime();
  // Small frames keep the test quick; the code path is the same at any size.
  const frame = encodeJpeg(resize(readPngRgba(ASTRONAUT_PNG_PATH), 256, 256));
  const first = await analyzeFrame(human, frame);
  assert.ok(first.ok && first.faces.length === 1, 'the frame must exercise detection, mesh and embedding');
  const before = tf.memory();
  for (let index = 0; index < 50; index++) {
    const analysis = await analyzeFrame(human, frame);
    assert.ok(analysis.ok && analysis.faces.length === 1);
  }
  const after = tf.memory();
  assert.equal(after.numTensors, before.numTensors);
  assert.equal(after.numBytes, before.numBytes);
});
