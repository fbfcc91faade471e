// `npm run bench:page-weight`: what a phone downloads for the check, from a started app (in-process,
// through inject): the first load (the phone page's HTML and the CSS and JS it loads before the camera
// step, following static imports) and the camera step's extra (camera.js with its imports, Human, the
// face models, and the .wasm a current phone picks: the SIMD build; the plain build is the fallback for
// browsers without WebAssembly SIMD). Raw bytes as served, and gzip (level 6, what a proxy such as
// deploy/proxy/Caddyfile's `encode gzip` sends; the app itself does not compress).
import { gzipSync } from 'node:zlib';
import { createFlowTestApp, PHONE_USER_AGENT, registerUser } from '../apps/server/test/flow/flow-driver.ts';
import { createTestTenant } from '../apps/server/test/harness.ts';

interface Row {
  url: string;
  rawBytes: number;
  gzipBytes: number;
}

const harness = await createFlowTestApp();
try {
  const tenant = await createTestTenant(harness);
  const invite = await registerUser(harness, tenant.liveKey, { reference_user_id: 'page-weight' });

  async function download(url: string): Promise<{ row: Row; body: Buffer }> {
    const response = await harness.app.inject({ url, headers: { 'user-agent': PHONE_USER_AGENT } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    const body = response.rawPayload;
    return { row: { url, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length }, body };
  }

  /** A module and everything it imports statically (not `import()`), each once. */
  async function downloadModuleGraph(entry: string, seen: Set<string>): Promise<Row[]> {
    if (seen.has(entry)) return [];
    seen.add(entry);
    const { row, body } = await download(entry);
    const rows = [row];
    for (const match of body.toString('utf8').matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s*'([^']+)'/gm)) {
      const specifier = match[1] ?? '';
      rows.push(...(await downloadModuleGraph(new URL(specifier, `http://page${entry}`).pathname, seen)));
    }
    return rows;
  }

  const page = await download(`/i/${invite.code}`);
  const html = page.body.toString('utf8');
  const firstLoad: Row[] = [{ ...page.row, url: '/i/{code} (HTML)' }];
  const seen = new Set<string>();
  for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
    firstLoad.push((await download(href ?? '')).row);
  }
  for (const [, src] of html.matchAll(/<script type="module" src="([^"]+)"/g)) {
    firstLoad.push(...(await downloadModuleGraph(src ?? '', seen)));
  }

  const cameraStep: Row[] = [...(await downloadModuleGraph('/assets/camera.js', seen))];
  for (const url of [
    '/assets/face/human.esm.js',
    '/assets/face/models/blazeface.json',
    '/assets/face/models/blazeface.bin',
    '/assets/face/models/facemesh.json',
    '/assets/face/models/facemesh.bin',
    '/assets/face/wasm/tfjs-backend-wasm-simd.wasm',
  ]) {
    cameraStep.push((await download(url)).row);
  }
  const fallbackWasm = (await download('/assets/face/wasm/tfjs-backend-wasm.wasm')).row;

  const width = Math.max(...[...firstLoad, ...cameraStep].map((row) => row.url.length)) + 2;
  const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(9);
  const line = (row: Row) => `  ${row.url.padEnd(width)}${kib(row.rawBytes)}${kib(row.gzipBytes)}`;
  const total = (rows: Row[], label: string): Row => ({
    url: label,
    rawBytes: rows.reduce((sum, row) => sum + row.rawBytes, 0),
    gzipBytes: rows.reduce((sum, row) => sum + row.gzipBytes, 0),
  });
  const out = [`  ${'file'.padEnd(width)}${'raw KiB'.padStart(9)}${'gzip KiB'.padStart(9)}`];
  out.push('phone page, first load (before the camera step):');
  out.push(...firstLoad.map(line), line(total(firstLoad, 'total')));
  out.push('camera step, extra download:');
  out.push(...cameraStep.map(line), line(total(cameraStep, 'total')));
  out.push(
    `  (without WebAssembly SIMD the plain build replaces the SIMD one: ${line(fallbackWasm).trim()})`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await harness.close();
}
