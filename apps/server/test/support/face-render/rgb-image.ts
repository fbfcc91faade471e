// Test material only: images held as packed 8-bit RGB in memory, decoded from and encoded to the
// formats the tests need (PNG and JPEG in, JPEG out).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbImage {
  readonly widthPx: number;
  readonly heightPx: number;
  /** widthPx × heightPx × 3 bytes, row-major, RGB. */
  readonly data: Uint8Array;
}

const require = createRequire(import.meta.url);

/** scikit-image's astronaut (Eileen Collins, NASA, public domain): one frontal face, 512×512. */
export const ASTRONAUT_PHOTO_PATH = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';

/** face-api's demo group photos (sample1.jpg … sample6.jpg), for faces of other people. */
export function resolveGroupPhotoPath(sampleNumber: number): string {
  const demoDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
  return path.join(demoDir, `sample${sampleNumber}.jpg`);
}

export function createRgbImage(widthPx: number, heightPx: number): RgbImage {
  return { widthPx, heightPx, data: new Uint8Array(widthPx * heightPx * 3) };
}

function dropAlpha(rgba: Uint8Array, widthPx: number, heightPx: number): RgbImage {
  const image = createRgbImage(widthPx, heightPx);
  for (let i = 0, j = 0; i < widthPx * heightPx * 4; i += 4, j += 3) {
    image.data[j] = rgba[i] ?? 0;
    image.data[j + 1] = rgba[i + 1] ?? 0;
    image.data[j + 2] = rgba[i + 2] ?? 0;
  }
  return image;
}

export function decodeJpegRgb(bytes: Uint8Array): RgbImage {
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return dropAlpha(decoded.data, decoded.width, decoded.height);
}

export function decodePngRgb(bytes: Uint8Array): RgbImage {
  const decoded = PNG.sync.read(Buffer.from(bytes));
  return dropAlpha(decoded.data, decoded.width, decoded.height);
}

/** Reads a PNG or JPEG file (told apart by its first bytes). */
export function readPhotoRgb(filePath: string): RgbImage {
  const bytes = readFileSync(filePath);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  return isPng ? decodePngRgb(bytes) : decodeJpegRgb(bytes);
}

export function encodeJpegRgb(image: RgbImage, quality = 85): Buffer {
  const rgba = Buffer.alloc(image.widthPx * image.heightPx * 4);
  for (let i = 0, j = 0; j < image.data.length; i += 4, j += 3) {
    rgba[i] = image.data[j] ?? 0;
    rgba[i + 1] = image.data[j + 1] ?? 0;
    rgba[i + 2] = image.data[j + 2] ?? 0;
    rgba[i + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: image.widthPx, height: image.heightPx }, quality).data;
}
