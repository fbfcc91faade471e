import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_VELOCITY_LIMITS } from '../velocity/velocity-limits.ts';
import { ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE, checkAssurancePolicyPatch } from './policy-settings.ts';

const UNSET = {
  requiredAssurance: null,
  attestationRequired: false,
  aaguidAllowList: [],
  velocityLimits: null,
};
const YUBIKEY = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';
// Google Password Manager's AAGUID: not an RFC 9562 UUID (variant nibble 3), still a valid AAGUID.
const NON_RFC = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';

function problemOf(result: ReturnType<typeof checkAssurancePolicyPatch>): string {
  assert.equal(result.ok, false);
  return result.ok ? '' : result.problem;
}

describe('assurance policy changes', () => {
  it('normalises AAGUIDs to lower case, drops repeats, and accepts non-RFC ones', () => {
    const result = checkAssurancePolicyPatch(UNSET, {
      aaguidAllowList: [YUBIKEY.toUpperCase(), ` ${YUBIKEY} `, NON_RFC],
    });
    assert.deepEqual(result, { ok: true, patch: { aaguidAllowList: [YUBIKEY, NON_RFC] } });
  });

  it('refuses an allow-list entry that is not a UUID, or the all-zero AAGUID, naming the entry', () => {
    assert.match(
      problemOf(checkAssurancePolicyPatch(UNSET, { aaguidAllowList: ['yubikey'] })),
      /aaguidAllowList\.0: must be a UUID/,
    );
    assert.match(
      problemOf(
        checkAssurancePolicyPatch(UNSET, {
          aaguidAllowList: [YUBIKEY, '00000000-0000-0000-0000-000000000000'],
        }),
      ),
      /aaguidAllowList\.1: the all-zero AAGUID/,
    );
  });

  it('refuses attestation with an empty list, whether the list is empty now or is being emptied', () => {
    assert.equal(
      problemOf(checkAssurancePolicyPatch(UNSET, { attestationRequired: true })),
      ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE,
    );
    assert.equal(
      problemOf(checkAssurancePolicyPatch(UNSET, { attestationRequired: true, aaguidAllowList: [] })),
      ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE,
    );
    const attested = { ...UNSET, attestationRequired: true, aaguidAllowList: [YUBIKEY] };
    assert.equal(
      problemOf(checkAssurancePolicyPatch(attested, { aaguidAllowList: [] })),
      ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE,
    );
    assert.ok(checkAssurancePolicyPatch(attested, { attestationRequired: false, aaguidAllowList: [] }).ok);
    assert.ok(checkAssurancePolicyPatch(UNSET, { attestationRequired: true, aaguidAllowList: [YUBIKEY] }).ok);
  });

  it('merges a single velocity limit onto the current limits (the defaults when unset)', () => {
    assert.deepEqual(checkAssurancePolicyPatch(UNSET, { velocityLimits: { startsPerIpPerHour: 60 } }), {
      ok: true,
      patch: { velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, startsPerIpPerHour: 60 } },
    });
    const own = { ...DEFAULT_VELOCITY_LIMITS, newHumansPerIpPerHour: 2 };
    assert.deepEqual(
      checkAssurancePolicyPatch(
        { ...UNSET, velocityLimits: own },
        { velocityLimits: { velocityAction: 'fail' } },
      ),
      { ok: true, patch: { velocityLimits: { ...own, velocityAction: 'fail' } } },
    );
    assert.deepEqual(checkAssurancePolicyPatch({ ...UNSET, velocityLimits: own }, { velocityLimits: null }), {
      ok: true,
      patch: { velocityLimits: null },
    });
  });

  it('refuses limits that are not whole numbers from 1 to 10000, an unknown limit, or an unknown level', () => {
    for (const bad of [0, -1, 1.5, 10_001, Number.NaN]) {
      assert.match(
        problemOf(checkAssurancePolicyPatch(UNSET, { velocityLimits: { newHumansPerIpPerHour: bad } })),
        /velocityLimits\.newHumansPerIpPerHour: /,
        String(bad),
      );
    }
    assert.ok(checkAssurancePolicyPatch(UNSET, { velocityLimits: { newHumansPerIpPerHour: 10_000 } }).ok);
    assert.match(
      problemOf(checkAssurancePolicyPatch(UNSET, { velocityLimits: { perMinute: 3 } })),
      /velocityLimits/,
    );
    assert.match(
      problemOf(checkAssurancePolicyPatch(UNSET, { requiredAssurance: 'maximum' })),
      /requiredAssurance/,
    );
    assert.match(problemOf(checkAssurancePolicyPatch(UNSET, { trustMe: true })), /trustMe|policy/);
  });

  it('names the failing fields as paths, for a form to mark each input', () => {
    const failed = checkAssurancePolicyPatch(UNSET, {
      aaguidAllowList: [YUBIKEY, 'yubikey'],
      velocityLimits: { startsPerIpPerHour: 0 },
    });
    assert.deepEqual(failed.ok ? [] : failed.fields, [
      'aaguidAllowList.1',
      'velocityLimits.startsPerIpPerHour',
    ]);
    const unattested = checkAssurancePolicyPatch(UNSET, { attestationRequired: true });
    assert.deepEqual(unattested.ok ? [] : unattested.fields, ['aaguidAllowList']);
  });

  it('an empty change is fine and changes nothing', () => {
    assert.deepEqual(checkAssurancePolicyPatch(UNSET, {}), { ok: true, patch: {} });
  });
});
