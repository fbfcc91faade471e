// The outbox: bodies kept byte for byte, listed in the order written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { KeyMode, OutboxEvent, Project } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeOutbox({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

  describe('outbox', () => {
    it('bodyJson is byte for byte the JSON written, key order included', async () => {
      const project = await tenant();
      // Keys deliberately out of alphabetical order: jsonb would sort them; a text column must not.
      const body = {
        zeta: 1,
        alpha: { omega: [3, 2, 1], beta: null },
        type: 'connect.user.verified',
        text: 'ünïcødé "quoted" \\ \u2028 \u0001 ✓',
        fraction: 0.1,
        big: 12345678901234,
      };
      const event = {
        id: createId('evt'),
        projectId: project.id,
        mode: 'live' as const,
        surface: 'connect' as const,
        eventType: 'connect.user.verified',
        body,
        createdAt: at(1),
      };
      await store().insertOutboxEvent(event);
      const listed = await store().listOutboxEvents({ projectId: project.id });
      const expectedJson = JSON.stringify(body);
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.bodyJson, expectedJson);
      assert.ok(expectedJson.startsWith('{"zeta":1,"alpha":{"omega"'));
      const expected: OutboxEvent = { ...event, bodyJson: expectedJson };
      assert.deepEqual(listed[0], expected);
    });

    it('lists events in the order written, filtered by mode, up to the limit, of one project only', async () => {
      // Insertion order, not created_at: events sharing a timestamp, or stamped by a clock that went
      // backwards, are still delivered in the order they happened.
      const project = await tenant();
      const other = await tenant();
      const add = async (mode: KeyMode, createdAt: Date, projectId = project.id): Promise<string> => {
        const id = createId('evt');
        await store().insertOutboxEvent({
          id,
          projectId,
          mode,
          surface: mode === 'live' ? 'connect' : 'poy',
          eventType: 'suite.event',
          body: { id },
          createdAt,
        });
        return id;
      };
      const first = await add('live', at(30));
      const second = await add('test', at(10));
      const third = await add('live', at(10));
      const otherProject = await add('live', at(0), other.id);
      const fourth = await add('live', at(20));

      const ids = (events: OutboxEvent[]): string[] => events.map((event) => event.id);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id })), [
        first,
        second,
        third,
        fourth,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, mode: 'live' })), [
        first,
        third,
        fourth,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, mode: 'test' })), [
        second,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, limit: 2 })), [
        first,
        second,
      ]);
      assert.deepEqual(
        ids(await store().listOutboxEvents({ projectId: project.id, mode: 'live', limit: 2 })),
        [first, third],
      );
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: other.id })), [otherProject]);
      assert.deepEqual(await store().listOutboxEvents({ projectId: createId('proj') }), []);
    });
  });
}
