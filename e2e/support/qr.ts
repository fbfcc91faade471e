// Reads a QR code from a PNG screenshot, the way a phone camera would read it off the screen.
import jsqrModule, { type Options, type QRCode } from 'jsqr';
import { PNG } from 'pngjs';

type DecodeQr = (data: Uint8ClampedArray, width: number, height: number, options?: Options) => QRCode | null;

// jsqr is a UMD bundle: Node hands an ES module the function itself as the default export, while its
// declaration file describes a module whose `default` is the function. Accept either shape.
const decodeQr: DecodeQr = typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

/** The text encoded in the PNG's QR code, or null when none is found. */
export function decodeQrFromPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const code = decodeQr(new Uint8ClampedArray(image.data), image.width, image.height, {
    inversionAttempts: 'attemptBoth',
  });
  return code?.data ?? null;
}
