import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRenderTarget, drawTexturedMesh } from './rasterize-triangles.ts';
import { createRgbImage } from './rgb-image.ts';

function gradientTexture(widthPx: number, heightPx: number) {
  const texture = createRgbImage(widthPx, heightPx);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const o = (y * widthPx + x) * 3;
      texture.data[o] = x * 4;
      texture.data[o + 1] = y * 4;
      texture.data[o + 2] = 100;
    }
  }
  return texture;
}

describe('drawTexturedMesh', () => {
  it('maps a texture onto a screen-aligned quad pixel for pixel', () => {
    const texture = gradientTexture(32, 32);
    const target = createRenderTarget(createRgbImage(32, 32));
    // Texel centres sit at +0.5, so a quad from -0.5 to 31.5 in texture space lands on pixel centres.
    const corners = [
      [0, 0],
      [32, 0],
      [0, 32],
      [32, 32],
    ];
    drawTexturedMesh(target, texture, {
      screen: Float32Array.from(corners.flatMap(([x, y]) => [x ?? 0, y ?? 0, 1])),
      uv: Float32Array.from(corners.flatMap(([x, y]) => [(x ?? 0) - 0.5, (y ?? 0) - 0.5])),
      brightness: new Float32Array(4).fill(1),
      triangles: Uint32Array.from([0, 1, 2, 1, 3, 2]),
    });
    assert.deepEqual(target.image.data, texture.data);
  });

  it('keeps the nearer of two overlapping triangles whatever the drawing order', () => {
    const red = createRgbImage(1, 1);
    red.data.set([255, 0, 0]);
    const triangle = (inverseDepth: number, brightness: number) => ({
      screen: Float32Array.from([0, 0, inverseDepth, 8, 0, inverseDepth, 0, 8, inverseDepth]),
      uv: new Float32Array(6),
      brightness: new Float32Array(3).fill(brightness),
      triangles: Uint32Array.from([0, 1, 2]),
    });
    const near = triangle(0.5, 1);
    const far = triangle(0.25, 0.2);
    for (const order of [
      [near, far],
      [far, near],
    ]) {
      const target = createRenderTarget(createRgbImage(8, 8));
      for (const mesh of order) drawTexturedMesh(target, red, mesh);
      assert.deepEqual([...target.image.data.subarray(0, 3)], [255, 0, 0]);
    }
  });
});
