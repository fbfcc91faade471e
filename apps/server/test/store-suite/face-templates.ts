// Face templates and the face-search lock. Other parts share this store, so counts and seq listings are
// read relative to what this part wrote.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewFaceTemplate, StoreOperations } from '../../src/store/store.ts';
import { at, LOCK_HOLD_MS } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addHuman } from './verification-fixtures.ts';

async function newTemplateFor(
  store: StoreOperations,
  mode: 'live' | 'test' = 'test',
): Promise<NewFaceTemplate> {
  const human = await addHuman(store, { mode });
  return {
    humanId: human.id,
    mode,
    modelVersion: 'model-1',
    templateSealed: `v1.sealed-${human.id}`,
    createdAt: at(0),
  };
}

export function describeFaceTemplates({ store }: SuiteContext): void {
  describe('face templates', () => {
    it('inserts a template once; a second insert for the human returns null and keeps the first', async () => {
      const template = await newTemplateFor(store());
      const inserted = await store().insertFaceTemplate(template);
      assert.ok(inserted);
      assert.equal(typeof inserted.seq, 'bigint');
      assert.deepEqual({ ...inserted, seq: 0n }, { ...template, seq: 0n });
      assert.equal(await store().insertFaceTemplate({ ...template, templateSealed: 'v1.other' }), null);
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('test', [template.humanId]), [inserted]);
    });

    it('replaceFaceTemplate inserts, then renews with a higher seq', async () => {
      const template = await newTemplateFor(store());
      const first = await store().replaceFaceTemplate(template);
      const renewed = await store().replaceFaceTemplate({
        ...template,
        modelVersion: 'model-2',
        templateSealed: 'v1.renewed',
        createdAt: at(60),
      });
      assert.ok(renewed.seq > first.seq);
      assert.deepEqual(renewed, {
        ...template,
        modelVersion: 'model-2',
        templateSealed: 'v1.renewed',
        createdAt: at(60),
        seq: renewed.seq,
      });
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('test', [template.humanId]), [renewed]);
    });

    it('lists templates of one mode after a seq, in seq order, up to the limit', async () => {
      const before = await store().replaceFaceTemplate(await newTemplateFor(store()));
      const written = [];
      for (let index = 0; index < 3; index++)
        written.push(await store().replaceFaceTemplate(await newTemplateFor(store())));
      const live = await store().replaceFaceTemplate(await newTemplateFor(store(), 'live'));
      const listed = await store().listFaceTemplatesAfterSeq({
        mode: 'test',
        afterSeq: before.seq,
        limit: 100,
      });
      assert.deepEqual(listed, written);
      assert.deepEqual(
        await store().listFaceTemplatesAfterSeq({ mode: 'test', afterSeq: before.seq, limit: 2 }),
        written.slice(0, 2),
      );
      const liveListed = await store().listFaceTemplatesAfterSeq({
        mode: 'live',
        afterSeq: before.seq,
        limit: 100,
      });
      assert.deepEqual(liveListed, [live]);
    });

    it('finds templates by human ids within one mode only; none for an empty list', async () => {
      const a = await store().replaceFaceTemplate(await newTemplateFor(store()));
      const b = await store().replaceFaceTemplate(await newTemplateFor(store()));
      const found = await store().findFaceTemplatesByHumanIds('test', [a.humanId, b.humanId, 'hum_unknown']);
      assert.deepEqual(
        found.sort((x, y) => (x.seq < y.seq ? -1 : 1)),
        [a, b],
      );
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('live', [a.humanId]), []);
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('test', []), []);
    });

    it('counts per mode, and deleteFaceTemplate removes one template once', async () => {
      const countBefore = await store().countFaceTemplates('test');
      const template = await store().replaceFaceTemplate(await newTemplateFor(store()));
      assert.equal(await store().countFaceTemplates('test'), countBefore + 1);
      assert.equal(await store().deleteFaceTemplate(template.humanId), true);
      assert.equal(await store().deleteFaceTemplate(template.humanId), false);
      assert.equal(await store().countFaceTemplates('test'), countBefore);
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('test', [template.humanId]), []);
    });

    it('deleting the human deletes its template (foreign key cascade)', async () => {
      const template = await store().replaceFaceTemplate(await newTemplateFor(store()));
      assert.equal(await store().deleteHuman(template.humanId), true);
      assert.deepEqual(await store().findFaceTemplatesByHumanIds('test', [template.humanId]), []);
    });

    it('a template needs an existing human', async () => {
      const template = await newTemplateFor(store());
      await store().deleteHuman(template.humanId);
      await assert.rejects(store().replaceFaceTemplate(template));
    });

    it('lockFaceSearch serialises transactions of one mode until each ends; taking it twice is harmless', async () => {
      const order: string[] = [];
      const hold = (name: string, mode: 'live' | 'test') =>
        store().transaction(async (tx) => {
          await tx.lockFaceSearch(mode);
          order.push(`${name} in`);
          await new Promise((resolve) => setTimeout(resolve, LOCK_HOLD_MS));
          order.push(`${name} out`);
        });
      await Promise.all([hold('a', 'test'), hold('b', 'test'), hold('c', 'test')]);
      // Never two holders of the lock at once: every "in" is followed by its own "out".
      for (let index = 0; index < order.length; index += 2) {
        assert.equal(
          order[index]?.replace(' in', ''),
          order[index + 1]?.replace(' out', ''),
          order.join(', '),
        );
      }
      // Taken twice in one transaction: no self-deadlock.
      await store().transaction(async (tx) => {
        await tx.lockFaceSearch('live');
        await tx.lockFaceSearch('live');
        await tx.lockFaceSearch('test');
      });
    });
  });
}
