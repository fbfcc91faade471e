// Regenerates spec/openapi.json from the routes' zod schemas (`npm run openapi`). The file is
// committed so changes to the public API show up in review; a test fails when it drifts.
import { writeFileSync } from 'node:fs';
import { openPglite } from '../store/drivers/open-pglite.ts';
import { migrate } from '../store/migrate.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { buildOpenApiDocument, serializeOpenApiDocument } from './openapi-document.ts';

const target = new URL('../../../../spec/openapi.json', import.meta.url);
const handle = await openPglite();
await migrate(handle);
const store = await createPostgresStore(handle);
try {
  writeFileSync(target, serializeOpenApiDocument(await buildOpenApiDocument(store)));
  process.stdout.write(`Wrote ${target.pathname}\n`);
} finally {
  await store.close();
}
