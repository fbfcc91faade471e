// The first step: the phone opens the invite. It records when and in which browser (as a keyed hash of
// the user agent, compared again at completion) and tells the page what it is about to do.
import type { ConnectUserStatus } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { inviteStatusOf } from '../verification-sessions.ts';
import { type FlowResult, succeed } from './flow-result.ts';
import { hashUserAgent, withPendingSession } from './flow-session.ts';

export interface FlowStart {
  status: ConnectUserStatus;
  projectName: string;
  sandbox: boolean;
  dataRequestType: string;
  expiresAt: Date;
}

export async function startFlow(
  deps: CoreContext,
  code: string,
  input: { userAgent: string },
): Promise<FlowResult<FlowStart>> {
  return withPendingSession(deps, code, async (tx, session) => {
    const project = await tx.findProjectById(session.projectId);
    const user = session.connectUserId ? await tx.findConnectUserById(session.connectUserId) : null;
    await tx.updateVerificationSession(session.id, {
      startedAt: session.startedAt ?? deps.clock.now(),
      userAgentHashHex: hashUserAgent(deps, input.userAgent),
    });
    return succeed({
      status: inviteStatusOf(session),
      projectName: project?.name ?? '',
      sandbox: session.mode === 'test',
      dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
      expiresAt: session.expiresAt,
    });
  });
}
