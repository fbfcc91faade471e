// Reads a JPEG's dimensions from its frame header (SOF) without decoding any pixels, so an oversized
// frame is refused before a decoder allocates memory for it (a small file can declare a huge image).

export interface JpegDimensions {
  widthPx: number;
  heightPx: number;
}

/** Every JPEG starts with SOI (FF D8) followed by a marker's FF. */
export function hasJpegMagicBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but are not frame headers. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM (01) and RST0–RST7 (D0–D7). */
function isStandaloneMarker(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * The dimensions in the first frame header, or null when the bytes are not a JPEG or end (or reach
 * the scan data) before one.
 */
export function readJpegDimensions(bytes: Uint8Array): JpegDimensions | null {
  if (!hasJpegMagicBytes(bytes)) return null;
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    let marker = bytes[offset + 1] ?? 0;
    // Any number of FF fill bytes may precede a marker.
    while (marker === 0xff && offset + 2 < bytes.length) {
      offset += 1;
      marker = bytes[offset + 1] ?? 0;
    }
    offset += 2;
    if (isStandaloneMarker(marker)) continue;
    // Start of scan or end of image before any frame header: not an image we can size.
    if (marker === 0xda || marker === 0xd9) return null;
    if (offset + 1 >= bytes.length) return null;
    const segmentLength = ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
    if (segmentLength < 2) return null;
    if (isStartOfFrame(marker)) {
      // Length (2), sample precision (1), height (2), width (2).
      if (offset + 7 > bytes.length) return null;
      const heightPx = ((bytes[offset + 3] ?? 0) << 8) | (bytes[offset + 4] ?? 0);
      const widthPx = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0);
      return { widthPx, heightPx };
    }
    offset += segmentLength;
  }
  return null;
}
