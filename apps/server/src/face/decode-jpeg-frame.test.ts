import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeJpeg } from '../../test/support/face-material.ts';
import { decodeJpegFrame } from './decode-jpeg-frame.ts';

function greyJpeg(widthPx: number, heightPx: number): Uint8Array {
  return encodeJpeg({ widthPx, heightPx, rgba: new Uint8Array(widthPx * heightPx * 4).fill(90) }, 50);
}

test('decodes a JPEG within the limits into RGB', () => {
  const decoded = decodeJpegFrame(greyJpeg(640, 480));
  assert.ok(decoded.ok);
  assert.equal(decoded.frame.widthPx, 640);
  assert.equal(decoded.frame.heightPx, 480);
  assert.equal(decoded.frame.rgb.length, 640 * 480 * 3);
});

test('refuses a side above 1280 px or more than 1.3 megapixels', () => {
  assert.deepEqual(decodeJpegFrame(greyJpeg(1281, 300)), { ok: false, problem: 'image_too_large' });
  assert.deepEqual(decodeJpegFrame(greyJpeg(1280, 1024)), { ok: false, problem: 'image_too_large' });
  assert.ok(decodeJpegFrame(greyJpeg(1280, 960)).ok);
});

test('refuses a huge declared size before decoding anything', () => {
  // A 20-byte "JPEG" whose frame header claims 60000 × 60000: refused from the header alone.
  const header = new Uint8Array([
    0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11,
    0x01, 0x03, 0x11,
  ]);
  assert.deepEqual(decodeJpegFrame(header), { ok: false, problem: 'image_too_large' });
});

test('refuses a side under 160 px', () => {
  assert.deepEqual(decodeJpegFrame(greyJpeg(159, 400)), { ok: false, problem: 'image_too_small' });
  assert.ok(decodeJpegFrame(greyJpeg(160, 160)).ok);
});

test('a header that parses over data that does not is not a JPEG', () => {
  const jpeg = greyJpeg(320, 240);
  const startOfScan = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xda);
  assert.ok(startOfScan > 0);
  // Everything up to the scan: the frame header is there (320 × 240), the pixels are not.
  assert.deepEqual(decodeJpegFrame(jpeg.subarray(0, startOfScan)), { ok: false, problem: 'not_a_jpeg' });
});
