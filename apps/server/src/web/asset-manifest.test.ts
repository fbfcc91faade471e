import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AssetManifest, buildAssetManifest, hashedUrlOf } from './asset-manifest.ts';
import type { AssetSource } from './assets-dir.ts';

/** A specifier built at run time, as camera.js builds the face model's (module text, not a template here). */
const FACE_IMPORT = ['const face = import(`', '$', "{'/assets/face/'}human.esm.js`);"].join('');

const HASHED = (name: string, extension: string) =>
  new RegExp(`^/assets/${name}\\.[0-9a-f]{8}\\.${extension}$`);

describe('asset manifest', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'poy-assets-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function build(files: Record<string, string>): AssetManifest {
    const sources: AssetSource[] = Object.entries(files).map(([name, text]) => {
      const path = join(dir, name.replaceAll('/', '_'));
      writeFileSync(path, text);
      return { url: `/assets/${name}`, path };
    });
    return buildAssetManifest(sources);
  }

  function hashedBody(manifest: AssetManifest, plainUrl: string): string {
    const url = manifest.hashedUrls.get(plainUrl);
    assert.ok(url, plainUrl);
    const asset = manifest.served.get(url);
    assert.ok(asset?.immutable, url);
    return asset.body.toString('utf8');
  }

  const app = {
    'main.js': [
      "import { b } from './b.js';",
      'export { c } from "./lib/c.js";',
      "import './side.js';",
      "const later = () => import('./later.js');",
      "const sheet = '/assets/style.css';",
      "const notAnImport = './b.js';",
      "import { gone } from './missing.js';",
      FACE_IMPORT,
    ].join('\n'),
    'b.js': "import { c } from './lib/c.js';\nexport const b = c;",
    'lib/c.js': 'export const c = 1;',
    'side.js': 'globalThis.side = true;',
    'later.js': "import { b } from '/assets/b.js';\nexport const later = b;",
    'style.css': 'body { color: black; }',
  };

  it('names each asset by a hash of what it serves, and serves the plain name as it is on disk', () => {
    const manifest = build(app);
    assert.match(manifest.hashedUrls.get('/assets/style.css') ?? '', HASHED('style', 'css'));
    assert.match(manifest.hashedUrls.get('/assets/lib/c.js') ?? '', HASHED('lib/c', 'js'));
    for (const [name, text] of Object.entries(app)) {
      const plain = manifest.served.get(`/assets/${name}`);
      assert.equal(plain?.body.toString('utf8'), text, name);
      assert.equal(plain?.immutable, false, name);
    }
    assert.equal(hashedBody(manifest, '/assets/style.css'), app['style.css']);
    assert.equal(
      hashedUrlOf('/assets/vendor/uplot/uPlot.esm.js', 'abcdef0123456789'),
      '/assets/vendor/uplot/uPlot.esm.abcdef01.js',
    );
  });

  it('rewrites every import and /assets/ path to the hashed URL, and nothing else', () => {
    const manifest = build(app);
    const url = (name: string) => manifest.hashedUrls.get(`/assets/${name}`);
    const main = hashedBody(manifest, '/assets/main.js');
    assert.ok(main.includes(`import { b } from '${url('b.js')}';`), main);
    assert.ok(main.includes(`export { c } from "${url('lib/c.js')}";`), main);
    assert.ok(main.includes(`import '${url('side.js')}';`), main);
    assert.ok(main.includes(`import('${url('later.js')}')`), main);
    assert.ok(main.includes(`const sheet = '${url('style.css')}';`), main);
    // A relative string that is no import means nothing relative to the module; unknown files and
    // paths built at run time are left for the browser to resolve.
    assert.ok(main.includes("const notAnImport = './b.js';"), main);
    assert.ok(main.includes("from './missing.js'"), main);
    assert.ok(main.includes(FACE_IMPORT), main);
    assert.ok(hashedBody(manifest, '/assets/b.js').includes(`from '${url('lib/c.js')}'`));
    assert.ok(hashedBody(manifest, '/assets/later.js').includes(`from '${url('b.js')}'`));
  });

  it('a change to an imported module changes the name of every module that imports it', () => {
    const before = build(app);
    const after = build({ ...app, 'lib/c.js': 'export const c = 2;' });
    for (const name of ['lib/c.js', 'b.js', 'main.js', 'later.js']) {
      assert.notEqual(
        before.hashedUrls.get(`/assets/${name}`),
        after.hashedUrls.get(`/assets/${name}`),
        name,
      );
    }
    for (const name of ['side.js', 'style.css']) {
      assert.equal(before.hashedUrls.get(`/assets/${name}`), after.hashedUrls.get(`/assets/${name}`), name);
    }
  });

  it('lists what a module imports statically, through other modules, for preloading', () => {
    const manifest = build(app);
    const url = (name: string) => manifest.hashedUrls.get(`/assets/${name}`) ?? '';
    assert.deepEqual(
      new Set(manifest.staticImports.get('/assets/main.js')),
      new Set([url('b.js'), url('lib/c.js'), url('side.js')]),
      'not what it loads later with import(), nor the stylesheet it names',
    );
    assert.deepEqual(manifest.staticImports.get('/assets/lib/c.js'), []);
  });

  it('refuses an import cycle, which no hashed name can express', () => {
    assert.throws(
      () => build({ 'x.js': "import './y.js';", 'y.js': "import './x.js';" }),
      /asset import cycle/,
    );
  });
});
