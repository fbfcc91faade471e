// Test material only: a small software rasteriser for textured triangles with a depth buffer, so a
// face mesh can be drawn at any head pose without a GPU. Texture coordinates are interpolated with
// perspective correction and sampled bilinearly.
import type { RgbImage } from './rgb-image.ts';

export interface RenderTarget {
  readonly image: RgbImage;
  /** 1/depth of the nearest surface drawn at each pixel; 0 where nothing has been drawn. */
  readonly inverseDepth: Float32Array;
}

export function createRenderTarget(background: RgbImage): RenderTarget {
  return {
    image: { widthPx: background.widthPx, heightPx: background.heightPx, data: background.data.slice() },
    inverseDepth: new Float32Array(background.widthPx * background.heightPx),
  };
}

export interface ProjectedMesh {
  /** Per vertex: screen x, screen y (pixels), 1/depth (> 0 in front of the camera). */
  readonly screen: Float32Array;
  /** Per vertex: texture x, y in texture pixels. */
  readonly uv: Float32Array;
  /** Per vertex: brightness factor (1 = texture as is). */
  readonly brightness: Float32Array;
  /** Vertex indices, three per triangle. */
  readonly triangles: Uint32Array;
}

/** Bilinear sample of one channel-triple, clamped at the texture's edges; writes into `out`. */
export function sampleBilinear(texture: RgbImage, x: number, y: number, out: Float32Array): void {
  const maxX = texture.widthPx - 1;
  const maxY = texture.heightPx - 1;
  const cx = x < 0 ? 0 : Math.min(x, maxX);
  const cy = y < 0 ? 0 : Math.min(y, maxY);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = x0 < maxX ? x0 + 1 : x0;
  const y1 = y0 < maxY ? y0 + 1 : y0;
  const fx = cx - x0;
  const fy = cy - y0;
  const d = texture.data;
  const i00 = (y0 * texture.widthPx + x0) * 3;
  const i10 = (y0 * texture.widthPx + x1) * 3;
  const i01 = (y1 * texture.widthPx + x0) * 3;
  const i11 = (y1 * texture.widthPx + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const top = (d[i00 + c] ?? 0) * (1 - fx) + (d[i10 + c] ?? 0) * fx;
    const bottom = (d[i01 + c] ?? 0) * (1 - fx) + (d[i11 + c] ?? 0) * fx;
    out[c] = top * (1 - fy) + bottom * fy;
  }
}

/** Draws every triangle of the mesh into the target, nearest surface wins. */
export function drawTexturedMesh(target: RenderTarget, texture: RgbImage, mesh: ProjectedMesh): void {
  const { widthPx, heightPx, data } = target.image;
  const depth = target.inverseDepth;
  const { screen, uv, brightness, triangles } = mesh;
  const texel = new Float32Array(3);
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    const a = triangles[t] ?? 0;
    const b = triangles[t + 1] ?? 0;
    const c = triangles[t + 2] ?? 0;
    const ax = screen[a * 3] ?? 0;
    const ay = screen[a * 3 + 1] ?? 0;
    const aw = screen[a * 3 + 2] ?? 0;
    const bx = screen[b * 3] ?? 0;
    const by = screen[b * 3 + 1] ?? 0;
    const bw = screen[b * 3 + 2] ?? 0;
    const cx = screen[c * 3] ?? 0;
    const cy = screen[c * 3 + 1] ?? 0;
    const cw = screen[c * 3 + 2] ?? 0;
    if (aw <= 0 || bw <= 0 || cw <= 0) continue;
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (Math.abs(area) < 1e-9) continue;
    const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
    const maxX = Math.min(widthPx - 1, Math.ceil(Math.max(ax, bx, cx)));
    const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
    const maxY = Math.min(heightPx - 1, Math.ceil(Math.max(ay, by, cy)));
    if (minX > maxX || minY > maxY) continue;
    // Perspective-correct interpolation: u/z, v/z and 1/z are linear in screen space.
    const auw = (uv[a * 2] ?? 0) * aw;
    const avw = (uv[a * 2 + 1] ?? 0) * aw;
    const buw = (uv[b * 2] ?? 0) * bw;
    const bvw = (uv[b * 2 + 1] ?? 0) * bw;
    const cuw = (uv[c * 2] ?? 0) * cw;
    const cvw = (uv[c * 2 + 1] ?? 0) * cw;
    const al = brightness[a] ?? 1;
    const bl = brightness[b] ?? 1;
    const cl = brightness[c] ?? 1;
    const inverseArea = 1 / area;
    for (let py = minY; py <= maxY; py++) {
      const sy = py + 0.5;
      for (let px = minX; px <= maxX; px++) {
        const sx = px + 0.5;
        const wa = ((bx - sx) * (cy - sy) - (by - sy) * (cx - sx)) * inverseArea;
        const wb = ((cx - sx) * (ay - sy) - (cy - sy) * (ax - sx)) * inverseArea;
        const wc = 1 - wa - wb;
        if (wa < 0 || wb < 0 || wc < 0) continue;
        const w = wa * aw + wb * bw + wc * cw;
        const pixel = py * widthPx + px;
        if (w <= (depth[pixel] ?? 0)) continue;
        depth[pixel] = w;
        const u = (wa * auw + wb * buw + wc * cuw) / w;
        const v = (wa * avw + wb * bvw + wc * cvw) / w;
        const light = wa * al + wb * bl + wc * cl;
        sampleBilinear(texture, u, v, texel);
        const o = pixel * 3;
        data[o] = clampByte((texel[0] ?? 0) * light);
        data[o + 1] = clampByte((texel[1] ?? 0) * light);
        data[o + 2] = clampByte((texel[2] ?? 0) * light);
      }
    }
  }
}

export function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}
