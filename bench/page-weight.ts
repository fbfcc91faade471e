// `npm run bench:page-weight`: what a browser downloads for the first screen of each hosted page and of
// the dashboard's sign-in page, from a started app (in-process, through inject), asking as a current
// browser does (`Accept-Encoding: gzip, deflate, br, zstd`). A first screen is the HTML, its stylesheets,
// its module scripts with everything they import statically, and its modulepreload links; what a page
// loads later with `import()` (the passkey library on the phone page, the camera step) is not part of
// it. "wire" is the bodies as sent (compressed where the app compresses; headers not counted), the goal
// is ≤ 30 kB (1 kB = 1,000 bytes) per first screen. "repeat" is a second visit: the HTML again, every
// asset that is not cached `immutable` revalidated (a 304: a request, no body), immutable ones not asked
// for at all. Then the phone page's first screen file by file, and the camera step's extra download.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createFlowTestApp, PHONE_USER_AGENT, registerUser } from '../apps/server/test/flow/flow-driver.ts';
import { createTestTenant } from '../apps/server/test/harness.ts';

const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIRST_SCREEN_GOAL_BYTES = 30_000;

interface Download {
  url: string;
  /** Bytes of the body before any content coding. */
  rawBytes: number;
  /** Bytes of the body as sent. */
  wireBytes: number;
  encoding: string;
  /** Whether a repeat visit asks for it again (anything but a long-lived immutable asset). */
  refetched: boolean;
  text: string;
}

interface Page {
  label: string;
  url: string;
  userAgent: string;
  /** 404 for the not-found page, which is a page all the same. */
  status?: number;
}

const harness = await createFlowTestApp();
try {
  const tenant = await createTestTenant(harness);
  const invite = await registerUser(harness, tenant.liveKey, { reference_user_id: 'page-weight' });

  async function download(url: string, userAgent: string, status = 200): Promise<Download | null> {
    const response = await harness.app.inject({
      url,
      headers: { 'user-agent': userAgent, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
    });
    if (response.statusCode !== status) return null;
    const wire = response.rawPayload;
    const encoding = String(response.headers['content-encoding'] ?? 'identity');
    const body =
      encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
    const cacheControl = String(response.headers['cache-control'] ?? '');
    return {
      url,
      rawBytes: body.length,
      wireBytes: wire.length,
      encoding,
      refetched: !/\bimmutable\b/.test(cacheControl),
      text: body.toString('utf8'),
    };
  }

  /** A module and everything it imports statically (not `import()`), each once. */
  async function downloadModuleGraph(
    entry: string,
    userAgent: string,
    seen: Set<string>,
  ): Promise<Download[]> {
    if (seen.has(entry)) return [];
    seen.add(entry);
    const module = await download(entry, userAgent);
    if (module === null) throw new Error(`${entry}: not served`);
    const files = [module];
    for (const match of module.text.matchAll(
      /^\s*(?:(?:import|export)\b[^;'"]*?from\s*|import\s*)'([^']+)'/gm,
    )) {
      const specifier = match[1] ?? '';
      const url = new URL(specifier, `http://page${entry}`).pathname;
      files.push(...(await downloadModuleGraph(url, userAgent, seen)));
    }
    return files;
  }

  /** The HTML and what it loads before its first screen can run. */
  async function downloadFirstScreen(page: Page): Promise<Download[] | null> {
    const document = await download(page.url, page.userAgent, page.status);
    if (document === null || !document.text.startsWith('<!doctype html>')) return null;
    const files = [{ ...document, url: `${page.label} (HTML)` }];
    const seen = new Set<string>();
    for (const [, href] of document.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
      const stylesheet = await download(href ?? '', page.userAgent);
      if (stylesheet === null) throw new Error(`${href}: not served`);
      files.push(stylesheet);
    }
    for (const [, src] of document.text.matchAll(
      /<(?:script type="module" src|link rel="modulepreload" href)="([^"]+)"/g,
    )) {
      files.push(...(await downloadModuleGraph(src ?? '', page.userAgent, seen)));
    }
    return files;
  }

  const pages: Page[] = [
    { label: '/ (landing)', url: '/', userAgent: DESKTOP_USER_AGENT },
    { label: '/i/{code} on a computer', url: `/i/${invite.code}`, userAgent: DESKTOP_USER_AGENT },
    { label: '/i/{code} on a phone', url: `/i/${invite.code}`, userAgent: PHONE_USER_AGENT },
    { label: '/join', url: '/join', userAgent: PHONE_USER_AGENT },
    {
      label: '/p/{id} unknown (not-found page)',
      url: '/p/0000000',
      userAgent: PHONE_USER_AGENT,
      status: 404,
    },
    { label: '/login (dashboard sign-in)', url: '/login', userAgent: DESKTOP_USER_AGENT },
  ];

  const kB = (bytes: number) => (bytes / 1000).toFixed(1).padStart(8);
  const sum = (files: Download[], pick: (file: Download) => number) =>
    files.reduce((total, file) => total + pick(file), 0);
  const out: string[] = [];
  const labelWidth = Math.max(...pages.map((page) => page.label.length)) + 2;
  out.push(
    'first screen of each page (goal: ≤ 30 kB on the wire):',
    `  ${'page'.padEnd(labelWidth)}${'requests'.padStart(9)}${'raw kB'.padStart(8)}${'wire kB'.padStart(8)}` +
      `  ≤ 30 kB  repeat visit: requests, wire kB`,
  );
  let phoneFirstScreen: Download[] = [];
  for (const page of pages) {
    const files = await downloadFirstScreen(page);
    if (files === null) {
      out.push(`  ${page.label.padEnd(labelWidth)}  not served (no HTML page there)`);
      continue;
    }
    if (page.userAgent === PHONE_USER_AGENT && page.url.startsWith('/i/')) phoneFirstScreen = files;
    const wire = sum(files, (file) => file.wireBytes);
    const repeat = files.filter((file) => file.refetched);
    // A revalidated asset answers 304 without a body; the HTML (no-store) comes again in full.
    const repeatBytes = sum(repeat, (file) => (file.url.endsWith('(HTML)') ? file.wireBytes : 0));
    out.push(
      `  ${page.label.padEnd(labelWidth)}${String(files.length).padStart(9)}` +
        `${kB(sum(files, (file) => file.rawBytes))}${kB(wire)}  ${wire <= FIRST_SCREEN_GOAL_BYTES ? 'yes' : 'NO '}` +
        `      ${String(repeat.length).padStart(3)}, ${kB(repeatBytes).trim()}`,
    );
  }

  /** Files as a table: URL, raw and wire kB, content coding; and a total line. */
  function fileTable(title: string, files: Download[]): string[] {
    const width = Math.max(...files.map((file) => file.url.length), 5) + 2;
    const row = (file: Download) =>
      `  ${file.url.padEnd(width)}${kB(file.rawBytes)}${kB(file.wireBytes)}  ${file.encoding}`;
    return [
      '',
      `${title}:`,
      `  ${'file'.padEnd(width)}${'raw kB'.padStart(8)}${'wire kB'.padStart(8)}  coding`,
      ...files.map(row),
      `  ${'total'.padEnd(width)}${kB(sum(files, (file) => file.rawBytes))}${kB(sum(files, (file) => file.wireBytes))}`,
    ];
  }
  out.push(...fileTable('phone page, first screen', phoneFirstScreen));

  // What the phone page loads later with import(): the passkey library after the intro, camera.js when
  // the camera step starts (with everything they import statically).
  const phoneScript = /<script type="module" src="([^"]+)"/.exec(phoneFirstScreen[0]?.text ?? '')?.[1] ?? '';
  const phoneModule = phoneFirstScreen.find((file) => file.url === phoneScript);
  const lazyImports = [...(phoneModule?.text ?? '').matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map(
    (match) => new URL(match[1] ?? '', `http://page${phoneScript}`).pathname,
  );
  const seen = new Set(phoneFirstScreen.map((file) => file.url));
  const passkeyUrl = lazyImports.find((url) => url.includes('/simplewebauthn/'));
  if (passkeyUrl !== undefined) {
    out.push(
      ...fileTable(
        'phone page, passkey step, extra download',
        await downloadModuleGraph(passkeyUrl, PHONE_USER_AGENT, seen),
      ),
    );
  }
  // The camera step: Human, the face models and the .wasm a current phone picks (the SIMD build; the
  // plain one is the fallback).
  const cameraUrl = lazyImports.find((url) => /\/camera\b/.test(url)) ?? '/assets/camera.js';
  const cameraStep = await downloadModuleGraph(cameraUrl, PHONE_USER_AGENT, seen);
  for (const url of [
    '/assets/face/human.esm.js',
    '/assets/face/models/blazeface.json',
    '/assets/face/models/blazeface.bin',
    '/assets/face/models/facemesh.json',
    '/assets/face/models/facemesh.bin',
    '/assets/face/wasm/tfjs-backend-wasm-simd.wasm',
  ]) {
    const file = await download(url, PHONE_USER_AGENT);
    if (file === null) throw new Error(`${url}: not served`);
    cameraStep.push(file);
  }
  out.push(...fileTable('phone page, camera step, extra download', cameraStep));
  const fallback = await download('/assets/face/wasm/tfjs-backend-wasm.wasm', PHONE_USER_AGENT);
  if (fallback !== null) {
    out.push(
      `  (without WebAssembly SIMD the plain build replaces the SIMD one: ${fallback.url}, ` +
        `${kB(fallback.rawBytes).trim()} raw, ${kB(fallback.wireBytes).trim()} wire kB)`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await harness.close();
}
