// Decodes one camera frame into RGB pixels, refusing anything that is not a JPEG of a sensible size
// first. The frames come from the internet: the size is checked in the header before any pixel is
// decoded, and the decoder's own resolution and memory caps stay on as a second line.
import jpeg from 'jpeg-js';
import { readJpegDimensions } from './jpeg-frame-header.ts';

/** A phone frame is sent at most 1280 px on its long side (docs/face-matching.md). */
export const MAX_FRAME_SIDE_PX = 1280;
export const MAX_FRAME_MEGAPIXELS = 1.3;
/** Below this the detector cannot find a face large enough to describe. */
export const MIN_FRAME_SIDE_PX = 160;
/** A 1.3 MP frame needs ~4 MB of RGB plus the decoder's component buffers; progressive adds more. */
const DECODER_MEMORY_CAP_MB = 64;

export interface RgbFrame {
  widthPx: number;
  heightPx: number;
  /** widthPx × heightPx × 3 bytes, row by row. */
  rgb: Uint8Array;
}

export type DecodedFrame =
  | { ok: true; frame: RgbFrame }
  | { ok: false; problem: 'not_a_jpeg' | 'image_too_large' | 'image_too_small' };

export function decodeJpegFrame(bytes: Uint8Array): DecodedFrame {
  const dimensions = readJpegDimensions(bytes);
  if (!dimensions) return { ok: false, problem: 'not_a_jpeg' };
  const { widthPx, heightPx } = dimensions;
  if (
    widthPx > MAX_FRAME_SIDE_PX ||
    heightPx > MAX_FRAME_SIDE_PX ||
    widthPx * heightPx > MAX_FRAME_MEGAPIXELS * 1_000_000
  ) {
    return { ok: false, problem: 'image_too_large' };
  }
  if (widthPx < MIN_FRAME_SIDE_PX || heightPx < MIN_FRAME_SIDE_PX) {
    return { ok: false, problem: 'image_too_small' };
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_FRAME_MEGAPIXELS,
      maxMemoryUsageInMB: DECODER_MEMORY_CAP_MB,
    });
  } catch {
    // A header that parses over data that does not (truncated, corrupt, unsupported coding).
    return { ok: false, problem: 'not_a_jpeg' };
  }
  // The decoder sizes the image from the same header; a mismatch means a second frame header lied.
  if (decoded.width !== widthPx || decoded.height !== heightPx) return { ok: false, problem: 'not_a_jpeg' };
  return { ok: true, frame: { widthPx, heightPx, rgb: decoded.data } };
}
