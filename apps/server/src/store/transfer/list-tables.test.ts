import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderByDependencies } from './list-tables.ts';

describe('orderByDependencies', () => {
  it('puts every table after the tables it references, alphabetically among equals', () => {
    const order = orderByDependencies(
      ['webhook_deliveries', 'projects', 'accounts', 'outbox_events', 'webhook_endpoints'],
      [
        { from_table: 'projects', to_table: 'accounts' },
        { from_table: 'outbox_events', to_table: 'projects' },
        { from_table: 'webhook_endpoints', to_table: 'projects' },
        { from_table: 'webhook_deliveries', to_table: 'outbox_events' },
        { from_table: 'webhook_deliveries', to_table: 'webhook_endpoints' },
      ],
    );
    assert.deepEqual(order, [
      'accounts',
      'projects',
      'outbox_events',
      'webhook_endpoints',
      'webhook_deliveries',
    ]);
  });

  it('ignores self-references and references to tables outside the list', () => {
    assert.deepEqual(
      orderByDependencies(
        ['b', 'a'],
        [
          { from_table: 'a', to_table: 'a' },
          { from_table: 'b', to_table: 'schema_migrations' },
        ],
      ),
      ['a', 'b'],
    );
  });

  it('refuses a cycle rather than copying in an order that would fail half-way', () => {
    assert.throws(
      () =>
        orderByDependencies(
          ['a', 'b'],
          [
            { from_table: 'a', to_table: 'b' },
            { from_table: 'b', to_table: 'a' },
          ],
        ),
      /cycle among a, b/,
    );
  });
});
