// The first step: the phone opens the invite. It records when and in which browser (as a keyed hash of
// the user agent, compared again at completion), binds the invite to this device if no device holds it
// yet (device-binding.ts), and tells the page what it is about to do. The first start also leaves the
// velocity digests (core/velocity/velocity-digests.ts: keyed hashes of the client IP, its network and
// the long-lived device id, never the values) that completion counts against the project's limits.
import type { ConnectUserStatus } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { projectBrandingOf } from '../../tenancy/project-branding.ts';
import {
  createDeviceId,
  deriveVelocityDigests,
  isWellFormedDeviceId,
} from '../../velocity/velocity-digests.ts';
import { inviteStatusOf } from '../verification-sessions.ts';
import { createDeviceSecret, deviceBindingOf, hashDeviceSecret } from './device-binding.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, hashUserAgent, withPendingSessionOnAnyDevice } from './flow-session.ts';

export interface FlowStart {
  status: ConnectUserStatus;
  projectName: string;
  sandbox: boolean;
  dataRequestType: string;
  expiresAt: Date;
  /** The secret the device must keep, when this call bound the invite to it; null when it already was. */
  newDeviceSecret: string | null;
  /** The long-lived device id (the `poy_device` cookie) to keep, when the browser had none usable. */
  newDeviceId: string | null;
}

export interface FlowStartInput {
  userAgent: string;
  /** The client address as the HTTP layer resolved it (trust-proxy rules applied). */
  clientIp: string;
  /** The long-lived device id the browser sent, or null. */
  deviceId: string | null;
}

/** Starting again on the bound device is harmless (a reload); on any other device it is refused. */
export async function startFlow(
  deps: CoreContext,
  invite: FlowInvite,
  input: FlowStartInput,
): Promise<FlowResult<FlowStart>> {
  return withPendingSessionOnAnyDevice(deps, invite.code, async (tx, session) => {
    const binding = deviceBindingOf(session, invite.deviceSecret);
    if (binding === 'other_device') return fail('invite_in_use');
    const newDeviceSecret = binding === 'unbound' ? createDeviceSecret() : null;
    const project = await tx.findProjectById(session.projectId);
    const user = session.connectUserId ? await tx.findConnectUserById(session.connectUserId) : null;
    const newDeviceId =
      input.deviceId !== null && isWellFormedDeviceId(input.deviceId) ? null : createDeviceId();
    // Only the first start: a reload must not move the session into a later velocity window.
    const digests =
      session.startedAt === null
        ? deriveVelocityDigests(deps, {
            clientIp: input.clientIp,
            deviceId: newDeviceId ?? input.deviceId ?? '',
          })
        : null;
    await tx.updateVerificationSession(session.id, {
      startedAt: session.startedAt ?? deps.clock.now(),
      ...(digests === null
        ? {}
        : {
            startIpHashHex: digests.ipHashHex,
            startPrefixHashHex: digests.prefixHashHex,
            startDeviceHashHex: digests.deviceHashHex,
          }),
      userAgentHashHex: hashUserAgent(deps, input.userAgent),
      ...(newDeviceSecret === null ? {} : { deviceSecretHashHex: hashDeviceSecret(newDeviceSecret) }),
    });
    return succeed({
      status: inviteStatusOf(session),
      projectName: project ? projectBrandingOf(project).displayName : '',
      sandbox: session.mode === 'test',
      dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
      expiresAt: session.expiresAt,
      newDeviceSecret,
      newDeviceId,
    });
  });
}
