import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVerificationFilters } from './verifications-filters.ts';

describe('verification list filters', () => {
  it('reads every field, with whole UTC days for the dates (the second included)', () => {
    const parsed = parseVerificationFilters({
      q: '  customer-42 ',
      state: 'review',
      level: 'passkey',
      reason: 'VELOCITY',
      from: '2030-01-31',
      to: '2030-02-01',
      after: '1893492000123.vs_AbC',
    });
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.filters, {
      text: 'customer-42',
      state: 'review',
      assuranceLevel: 'passkey',
      reason: 'VELOCITY',
      createdSince: new Date('2030-01-31T00:00:00.000Z'),
      createdBefore: new Date('2030-02-02T00:00:00.000Z'),
    });
    assert.deepEqual(parsed.after, { createdAt: new Date(1893492000123), id: 'vs_AbC' });
    assert.equal(parsed.form.q, '  customer-42 ');
  });

  it('no query at all is no filter', () => {
    const parsed = parseVerificationFilters(undefined);
    assert.deepEqual([parsed.errors, parsed.filters, parsed.after], [[], {}, null]);
  });

  it('names each refused field once', () => {
    const parsed = parseVerificationFilters({
      state: ['pending', 'failed'],
      level: 'LIVENESS',
      reason: 'velocity',
      from: '2030-02-30',
      to: '30/01/2030',
      after: 'next',
    });
    assert.deepEqual(parsed.errors, [
      'dash.verifications.filters.error.state',
      'dash.verifications.filters.error.level',
      'dash.verifications.filters.error.reason',
      'dash.verifications.filters.error.from',
      'dash.verifications.filters.error.to',
      'dash.verifications.filters.error.after',
    ]);
    assert.equal(parsed.form.state, '');
  });

  it('refuses a range that ends before it starts, and a search over 256 characters', () => {
    assert.deepEqual(parseVerificationFilters({ from: '2030-01-02', to: '2030-01-01' }).errors, [
      'dash.verifications.filters.error.range',
    ]);
    assert.deepEqual(parseVerificationFilters({ q: 'x'.repeat(257) }).errors, [
      'dash.verifications.filters.error.text',
    ]);
    assert.deepEqual(parseVerificationFilters({ q: 'x'.repeat(256) }).errors, []);
  });
});
