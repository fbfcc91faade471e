// The first step: the phone opens the invite. It records when and in which browser (as a keyed hash of
// the user agent, compared again at completion), binds the invite to this device if no device holds it
// yet (device-binding.ts), and tells the page what it is about to do.
import type { ConnectUserStatus } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
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
}

/** Starting again on the bound device is harmless (a reload); on any other device it is refused. */
export async function startFlow(
  deps: CoreContext,
  invite: FlowInvite,
  input: { userAgent: string },
): Promise<FlowResult<FlowStart>> {
  return withPendingSessionOnAnyDevice(deps, invite.code, async (tx, session) => {
    const binding = deviceBindingOf(session, invite.deviceSecret);
    if (binding === 'other_device') return fail('invite_in_use');
    const newDeviceSecret = binding === 'unbound' ? createDeviceSecret() : null;
    const project = await tx.findProjectById(session.projectId);
    const user = session.connectUserId ? await tx.findConnectUserById(session.connectUserId) : null;
    await tx.updateVerificationSession(session.id, {
      startedAt: session.startedAt ?? deps.clock.now(),
      userAgentHashHex: hashUserAgent(deps, input.userAgent),
      ...(newDeviceSecret === null ? {} : { deviceSecretHashHex: hashDeviceSecret(newDeviceSecret) }),
    });
    return succeed({
      status: inviteStatusOf(session),
      projectName: project?.name ?? '',
      sandbox: session.mode === 'test',
      dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
      expiresAt: session.expiresAt,
      newDeviceSecret,
    });
  });
}
