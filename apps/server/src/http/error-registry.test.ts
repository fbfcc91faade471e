import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_REGISTRY, errorTypeForStatus, isErrorType } from './error-registry.ts';

const DOC_ROW = /^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|\s*`([A-Z_]+)`\s*\|/;

function documentedCodes(): Map<string, { status: number; connectCode: string }> {
  const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { status: number; connectCode: string }>();
  for (const line of doc.split('\n')) {
    const match = DOC_ROW.exec(line);
    if (match?.[1] && match[2] && match[3]) {
      rows.set(match[1], { status: Number(match[2]), connectCode: match[3] });
    }
  }
  return rows;
}

describe('error registry and docs/errors.md', () => {
  it('document exactly the same codes with the same status and Connect code', () => {
    const documented = documentedCodes();
    const registered = new Map(
      Object.entries(ERROR_REGISTRY).map(([type, definition]) => [
        type,
        { status: definition.status, connectCode: definition.connectCode },
      ]),
    );
    assert.deepEqual(documented, registered);
  });

  it('gives every status a single general type', () => {
    const general = Object.values(ERROR_REGISTRY).filter((definition) => !('refines' in definition));
    const statuses = general.map((definition) => definition.status);
    assert.equal(new Set(statuses).size, statuses.length);
  });

  it('gives a refinement the status and Connect code of the general type it refines', () => {
    const refinements = Object.entries(ERROR_REGISTRY).flatMap(([type, definition]) =>
      'refines' in definition ? [{ type, definition, refines: definition.refines }] : [],
    );
    assert.ok(refinements.some((refinement) => refinement.type === 'redirect_url_not_allowed'));
    for (const { type, definition, refines } of refinements) {
      assert.ok(isErrorType(refines), `${type} refines ${refines}`);
      const general = ERROR_REGISTRY[refines];
      assert.ok(!('refines' in general), `${type} refines a general type`);
      assert.equal(definition.status, general.status, type);
      assert.equal(definition.connectCode, general.connectCode, type);
    }
  });

  it('maps bare statuses back to their type, and unknown ones to a safe default', () => {
    assert.equal(errorTypeForStatus(404), 'not_found');
    assert.equal(errorTypeForStatus(400), 'invalid_request', 'never a refinement');
    assert.equal(errorTypeForStatus(413), 'payload_too_large');
    assert.equal(errorTypeForStatus(418), 'invalid_request');
    assert.equal(errorTypeForStatus(502), 'internal');
  });
});
