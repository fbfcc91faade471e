// Test material only: removes the photo's own face from the backdrop behind the rendered head, so no
// second, frontal face can show through where the turned head no longer covers it.
import { clampByte } from './rasterize-triangles.ts';
import type { RgbImage } from './rgb-image.ts';

function isInsidePolygon(x: number, y: number, polygon: readonly { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (!a || !b) continue;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/**
 * Returns a copy of the photo whose pixels inside the polygon are replaced by a smooth membrane
 * (harmonic fill) from the colours around it, solved on a coarse grid and interpolated.
 */
export function fillPolygonSmoothly(photo: RgbImage, polygon: readonly { x: number; y: number }[]): RgbImage {
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  // About 64 cells across the polygon, whatever the photo's resolution.
  const cellPx = Math.max(4, Math.ceil((Math.max(...xs) - Math.min(...xs)) / 64));
  // Only the polygon's bounding box (plus a margin of fixed cells) takes part.
  const left = Math.max(0, Math.floor(Math.min(...xs)) - 2 * cellPx);
  const top = Math.max(0, Math.floor(Math.min(...ys)) - 2 * cellPx);
  const right = Math.min(photo.widthPx, Math.ceil(Math.max(...xs)) + 2 * cellPx);
  const bottom = Math.min(photo.heightPx, Math.ceil(Math.max(...ys)) + 2 * cellPx);
  const gridW = Math.max(1, Math.ceil((right - left) / cellPx));
  const gridH = Math.max(1, Math.ceil((bottom - top) / cellPx));
  const grid = new Float32Array(gridW * gridH * 3);
  const fixed = new Uint8Array(gridW * gridH);
  for (let gy = 0; gy < gridH; gy++) {
    for (let gx = 0; gx < gridW; gx++) {
      const cx = Math.min(photo.widthPx - 1, left + gx * cellPx + cellPx / 2);
      const cy = Math.min(photo.heightPx - 1, top + gy * cellPx + cellPx / 2);
      const cell = gy * gridW + gx;
      fixed[cell] = isInsidePolygon(cx, cy, polygon) ? 0 : 1;
      const source = (Math.floor(cy) * photo.widthPx + Math.floor(cx)) * 3;
      for (let c = 0; c < 3; c++) grid[cell * 3 + c] = photo.data[source + c] ?? 0;
    }
  }
  // Start the hole at the mean of its surroundings, so no trace of the face is left to relax away.
  const mean = [0, 0, 0];
  let fixedCount = 0;
  for (let cell = 0; cell < gridW * gridH; cell++) {
    if (!fixed[cell]) continue;
    fixedCount++;
    for (let c = 0; c < 3; c++) mean[c] = (mean[c] ?? 0) + (grid[cell * 3 + c] ?? 0);
  }
  for (let cell = 0; cell < gridW * gridH; cell++) {
    if (fixed[cell]) continue;
    for (let c = 0; c < 3; c++) grid[cell * 3 + c] = (mean[c] ?? 0) / Math.max(1, fixedCount);
  }
  // Over-relaxed Gauss-Seidel: converges on a 64-cell hole in a few hundred sweeps.
  const overRelaxation = 1.8;
  for (let sweep = 0; sweep < 300; sweep++) {
    for (let gy = 1; gy < gridH - 1; gy++) {
      for (let gx = 1; gx < gridW - 1; gx++) {
        const cell = gy * gridW + gx;
        if (fixed[cell]) continue;
        for (let c = 0; c < 3; c++) {
          const current = grid[cell * 3 + c] ?? 0;
          const average =
            ((grid[(cell - 1) * 3 + c] ?? 0) +
              (grid[(cell + 1) * 3 + c] ?? 0) +
              (grid[(cell - gridW) * 3 + c] ?? 0) +
              (grid[(cell + gridW) * 3 + c] ?? 0)) /
            4;
          grid[cell * 3 + c] = current + overRelaxation * (average - current);
        }
      }
    }
  }
  const filled = { widthPx: photo.widthPx, heightPx: photo.heightPx, data: photo.data.slice() };
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      if (!isInsidePolygon(x + 0.5, y + 0.5, polygon)) continue;
      const gx = Math.min(gridW - 1, Math.max(0, (x - left + 0.5) / cellPx - 0.5));
      const gy = Math.min(gridH - 1, Math.max(0, (y - top + 0.5) / cellPx - 0.5));
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const x1 = Math.min(gridW - 1, x0 + 1);
      const y1 = Math.min(gridH - 1, y0 + 1);
      const fx = gx - x0;
      const fy = gy - y0;
      for (let c = 0; c < 3; c++) {
        const top =
          (grid[(y0 * gridW + x0) * 3 + c] ?? 0) * (1 - fx) + (grid[(y0 * gridW + x1) * 3 + c] ?? 0) * fx;
        const bottom =
          (grid[(y1 * gridW + x0) * 3 + c] ?? 0) * (1 - fx) + (grid[(y1 * gridW + x1) * 3 + c] ?? 0) * fx;
        filled.data[(y * photo.widthPx + x) * 3 + c] = clampByte(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return filled;
}
