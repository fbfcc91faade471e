// Photos for the face-analysis tests and benches, all from installed packages (nothing downloaded at
// test time), and the few image operations the tests need. Everything here stays in memory; tests
// that must write media write under os.tmpdir() only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);

/** scikit-image's public-domain NASA portrait of Eileen Collins (Debian's python3-skimage), 512×512. */
export const ASTRONAUT_PNG_PATH = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';

/** face-api's demo photos (1920 px wide): sample1.jpg … sample6.jpg, 22 people in all. */
export function faceApiSamplePath(sampleNumber: 1 | 2 | 3 | 4 | 5 | 6): string {
  const packageDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
  return path.join(packageDir, 'demo', `sample${sampleNumber}.jpg`);
}

/** Human's face-match screenshot: a grid of 107 px face thumbnails, one man across most of row 1. */
export function facematchScreenshotPath(): string {
  // Human's `exports` map hides package.json; its main entry is dist/human.node.js.
  const packageDir = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
  return path.join(packageDir, 'assets', 'screenshot-facematch.jpg');
}

/** An 8-bit RGBA image in memory. */
export interface RgbaImage {
  widthPx: number;
  heightPx: number;
  rgba: Uint8Array;
}

export function readPngRgba(filePath: string): RgbaImage {
  const png = PNG.sync.read(readFileSync(filePath));
  return { widthPx: png.width, heightPx: png.height, rgba: new Uint8Array(png.data) };
}

export function decodeJpegRgba(bytes: Uint8Array): RgbaImage {
  // The demo photos are larger than the server accepts; the tests scale them down themselves.
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 20 });
  return { widthPx: image.width, heightPx: image.height, rgba: image.data };
}

export function readJpegRgba(filePath: string): RgbaImage {
  return decodeJpegRgba(readFileSync(filePath));
}

export function encodeJpeg(image: RgbaImage, quality = 90): Uint8Array {
  const encoded = jpeg.encode({ width: image.widthPx, height: image.heightPx, data: image.rgba }, quality);
  return new Uint8Array(encoded.data);
}

export function encodePng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.widthPx, height: image.heightPx });
  png.data = Buffer.from(image.rgba);
  return new Uint8Array(PNG.sync.write(png));
}

/** RGB (3 bytes a pixel, as a camera pipeline hands it over) to RGBA. */
export function rgbToRgba(widthPx: number, heightPx: number, rgb: Uint8Array): RgbaImage {
  const rgba = new Uint8Array(widthPx * heightPx * 4);
  for (let pixel = 0; pixel < widthPx * heightPx; pixel++) {
    rgba[pixel * 4] = rgb[pixel * 3] ?? 0;
    rgba[pixel * 4 + 1] = rgb[pixel * 3 + 1] ?? 0;
    rgba[pixel * 4 + 2] = rgb[pixel * 3 + 2] ?? 0;
    rgba[pixel * 4 + 3] = 255;
  }
  return { widthPx, heightPx, rgba };
}

export function rgbToJpeg(widthPx: number, heightPx: number, rgb: Uint8Array, quality = 90): Uint8Array {
  return encodeJpeg(rgbToRgba(widthPx, heightPx, rgb), quality);
}

export function pngFileToJpeg(filePath: string, quality = 90): Uint8Array {
  return encodeJpeg(readPngRgba(filePath), quality);
}

/** Left–right mirror image (what a selfie preview shows). */
export function mirrorHorizontally(image: RgbaImage): RgbaImage {
  const { widthPx, heightPx } = image;
  const rgba = new Uint8Array(image.rgba.length);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const from = (y * widthPx + (widthPx - 1 - x)) * 4;
      rgba.set(image.rgba.subarray(from, from + 4), (y * widthPx + x) * 4);
    }
  }
  return { widthPx, heightPx, rgba };
}

/** The rectangle [x, x+width) × [y, y+height), clipped to the image. */
export function crop(
  image: RgbaImage,
  area: { x: number; y: number; width: number; height: number },
): RgbaImage {
  const left = Math.max(0, Math.round(area.x));
  const top = Math.max(0, Math.round(area.y));
  const widthPx = Math.min(image.widthPx, Math.round(area.x + area.width)) - left;
  const heightPx = Math.min(image.heightPx, Math.round(area.y + area.height)) - top;
  const rgba = new Uint8Array(widthPx * heightPx * 4);
  for (let y = 0; y < heightPx; y++) {
    const from = ((top + y) * image.widthPx + left) * 4;
    rgba.set(image.rgba.subarray(from, from + widthPx * 4), y * widthPx * 4);
  }
  return { widthPx, heightPx, rgba };
}

/** Bilinear resize to the given size. */
export function resize(image: RgbaImage, widthPx: number, heightPx: number): RgbaImage {
  const rgba = new Uint8Array(widthPx * heightPx * 4);
  const scaleX = image.widthPx / widthPx;
  const scaleY = image.heightPx / heightPx;
  const at = (x: number, y: number, channel: number): number =>
    image.rgba[(y * image.widthPx + x) * 4 + channel] ?? 0;
  for (let y = 0; y < heightPx; y++) {
    const sourceY = Math.min(image.heightPx - 1, Math.max(0, (y + 0.5) * scaleY - 0.5));
    const y0 = Math.floor(sourceY);
    const y1 = Math.min(image.heightPx - 1, y0 + 1);
    const fy = sourceY - y0;
    for (let x = 0; x < widthPx; x++) {
      const sourceX = Math.min(image.widthPx - 1, Math.max(0, (x + 0.5) * scaleX - 0.5));
      const x0 = Math.floor(sourceX);
      const x1 = Math.min(image.widthPx - 1, x0 + 1);
      const fx = sourceX - x0;
      for (let channel = 0; channel < 4; channel++) {
        const top = at(x0, y0, channel) * (1 - fx) + at(x1, y0, channel) * fx;
        const bottom = at(x0, y1, channel) * (1 - fx) + at(x1, y1, channel) * fx;
        rgba[(y * widthPx + x) * 4 + channel] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { widthPx, heightPx, rgba };
}

/** Scaled down (never up) so that neither side exceeds maxSidePx, keeping the aspect ratio. */
export function fitWithin(image: RgbaImage, maxSidePx: number): RgbaImage {
  const scale = Math.min(1, maxSidePx / Math.max(image.widthPx, image.heightPx));
  if (scale === 1) return image;
  return resize(image, Math.round(image.widthPx * scale), Math.round(image.heightPx * scale));
}

/** Adds `delta` to every colour channel, clamped (a brighter or darker exposure). */
export function shiftBrightness(image: RgbaImage, delta: number): RgbaImage {
  const rgba = new Uint8Array(image.rgba.length);
  for (let index = 0; index < rgba.length; index++) {
    const value = image.rgba[index] ?? 0;
    rgba[index] = index % 4 === 3 ? value : Math.min(255, Math.max(0, value + delta));
  }
  return { widthPx: image.widthPx, heightPx: image.heightPx, rgba };
}

/**
 * Rotated about the centre by `clockwiseDeg` as seen on screen (positive: the top moves right), same
 * size, corners filled with black; nearest-neighbour sampling.
 */
export function rotateInPlane(image: RgbaImage, clockwiseDeg: number): RgbaImage {
  const { widthPx, heightPx } = image;
  const rgba = new Uint8Array(image.rgba.length);
  const radians = (clockwiseDeg * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const centreX = (widthPx - 1) / 2;
  const centreY = (heightPx - 1) / 2;
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      // Inverse mapping: which source pixel lands here (y grows downwards on screen).
      const dx = x - centreX;
      const dy = y - centreY;
      const sourceX = Math.round(centreX + dx * cos + dy * sin);
      const sourceY = Math.round(centreY - dx * sin + dy * cos);
      const to = (y * widthPx + x) * 4;
      if (sourceX < 0 || sourceY < 0 || sourceX >= widthPx || sourceY >= heightPx) {
        rgba[to + 3] = 255;
        continue;
      }
      const from = (sourceY * widthPx + sourceX) * 4;
      rgba.set(image.rgba.subarray(from, from + 4), to);
    }
  }
  return { widthPx, heightPx, rgba };
}
