import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeJpeg, encodePng } from '../../test/support/face-material.ts';
import { hasJpegMagicBytes, readJpegDimensions } from './jpeg-frame-header.ts';

function grey(widthPx: number, heightPx: number) {
  return { widthPx, heightPx, rgba: new Uint8Array(widthPx * heightPx * 4).fill(128) };
}

test('reads width and height from the frame header of an encoded JPEG', () => {
  assert.deepEqual(readJpegDimensions(encodeJpeg(grey(321, 203))), { widthPx: 321, heightPx: 203 });
});

test('finds the frame header after other segments and fill bytes', () => {
  const jpeg = encodeJpeg(grey(200, 180));
  // SOI, an APP1 segment of 4 payload bytes, two FF fill bytes, then the rest of the original file.
  const padded = new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe1,
    0x00,
    0x06,
    1,
    2,
    3,
    4,
    0xff,
    0xff,
    ...jpeg.subarray(2),
  ]);
  assert.deepEqual(readJpegDimensions(padded), { widthPx: 200, heightPx: 180 });
});

test('refuses what is not a JPEG', () => {
  assert.equal(readJpegDimensions(encodePng(grey(10, 10))), null);
  assert.equal(readJpegDimensions(new Uint8Array([1, 2, 3, 4, 5])), null);
  assert.equal(readJpegDimensions(new Uint8Array()), null);
  assert.equal(hasJpegMagicBytes(new TextEncoder().encode('GIF89a')), false);
});

test('a JPEG cut before its frame header has no dimensions', () => {
  const jpeg = encodeJpeg(grey(64, 64));
  assert.equal(readJpegDimensions(jpeg.subarray(0, 8)), null);
  // Scan data straight after SOI: no frame header to size it by.
  assert.equal(
    readJpegDimensions(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0])),
    null,
  );
});
