// Authenticator attestation in the hosted flow (docs/assurance.md §3). The soft authenticator can
// make `none` attestations and `packed` self attestations (which name any AAGUID they like); neither
// may meet an allow-list. A certificate-backed attestation cannot be made here without a CA, so the
// accepting side is covered by core/assurance/attestation.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { updateProjectSettings } from '../../src/core/tenancy/update-project-settings.ts';
import { hashToken } from '../../src/core/token-digest.ts';
import { passkeySignalsSchema } from '../../src/core/verification/flow/passkey-step.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { type RegistrationOptions, SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createFlowTestApp,
  ORIGIN,
  parsePasskeyStep,
  parseReply,
  postFlow,
  registerUser,
  startFlow,
  submitRegistration,
} from './flow-driver.ts';

const ALLOWED = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';
const creationOptions = z.object({
  challenge: z.string(),
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  attestation: z.string().optional(),
});

describe('hosted flow: attestation required by the project', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function tenantRequiringAttestation() {
    const tenant = await createTestTenant(harness);
    const updated = await updateProjectSettings(harness, tenant.project.id, {
      attestationRequired: true,
      aaguidAllowList: [ALLOWED],
    });
    assert.ok(updated.ok);
    return tenant;
  }

  /** Start, options, register with these authenticator settings; the options and the session after. */
  async function register(apiKey: string, reference: string, settings: Omit<RegistrationOptions, 'origin'>) {
    const user = await registerUser(harness, apiKey, { reference_user_id: reference });
    await startFlow(harness, user.code);
    const options = parseReply(
      await postFlow(harness, user.code, 'passkey/registration-options'),
      creationOptions,
    );
    const response = new SoftAuthenticator().createRegistrationResponse(options, {
      origin: ORIGIN,
      ...settings,
    });
    parsePasskeyStep(await submitRegistration(harness, user.code, response));
    const session = await harness.store.findSessionByInviteHash(hashToken(user.code));
    const signals = passkeySignalsSchema.parse(session?.passkeySignals);
    return { options, response, signals };
  }

  it('asks for direct attestation; a `none` attestation keeps the passkey but is recorded as not met', async () => {
    const tenant = await tenantRequiringAttestation();
    const { options, response, signals } = await register(tenant.testKey, 'attest-none', {});
    assert.equal(options.attestation, 'direct');
    assert.deepEqual(signals.attestation, {
      required: true,
      met: false,
      aaguid: '00000000-0000-0000-0000-000000000000',
      fmt: 'none',
      trust: 'none',
    });
    assert.ok(await harness.store.findHumanPasskey(response.id), 'the passkey is stored');
  });

  it('a self attestation naming an allowed model is not met: the authenticator vouched for itself', async () => {
    const tenant = await tenantRequiringAttestation();
    const { signals } = await register(tenant.testKey, 'attest-self', {
      attestation: { format: 'packed-self', aaguid: ALLOWED },
    });
    assert.deepEqual(signals.attestation, {
      required: true,
      met: false,
      aaguid: ALLOWED,
      fmt: 'packed',
      trust: 'self',
    });
  });

  it('a project that does not require attestation asks for none and records nothing', async () => {
    const tenant = await createTestTenant(harness);
    const { options, signals } = await register(tenant.testKey, 'attest-off', {
      attestation: { format: 'packed-self', aaguid: ALLOWED },
    });
    assert.equal(options.attestation, 'none');
    assert.equal(signals.attestation, null);
  });

  it('a session recorded before attestation existed still parses, as not assessed', () => {
    const old = {
      userVerified: true,
      authenticatorAttachment: 'platform',
      credentialBackedUp: false,
      credentialDeviceType: 'singleDevice',
      returningCredential: false,
    };
    assert.equal(passkeySignalsSchema.parse(old).attestation, null);
  });
});
