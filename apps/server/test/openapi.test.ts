import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../src/scripts/openapi-document.ts';
import { bodyOf, createTestApp, createTestStore, type TestApp, type TestStore } from './harness.ts';

describe('OpenAPI', () => {
  let testStore: TestStore;
  let harness: TestApp;
  before(async () => {
    testStore = await createTestStore();
    harness = await createTestApp({ testStore });
  });
  after(async () => {
    await harness.close();
    await testStore.close();
  });

  it('spec/openapi.json is what the routes generate (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8');
    assert.equal(serializeOpenApiDocument(await buildOpenApiDocument(testStore.store)), committed);
  });

  it('is served at /openapi.json as OpenAPI 3.1 and lists the API routes', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200, response.body);
    const document = bodyOf(response);
    assert.equal(document.openapi, '3.1.0');
    const paths = document.paths;
    assert.ok(
      typeof paths === 'object' && paths !== null && '/api/poy/project' in paths,
      response.body.slice(0, 500),
    );
  });

  it('serves the docs page at /docs', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/html/);
  });
});
