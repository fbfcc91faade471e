// Which view of an invite to render. The phone runs the check; any other device shows the QR code.
// The user agent is only a default: `?on=phone` or `?on=desktop` always wins, because some tablets
// (iPadOS Safari) present a desktop user agent and some people want to verify on the device at hand.

export type InviteView = 'phone' | 'desktop';

const MOBILE_USER_AGENT = /Mobi|Android|iPhone|iPad/i;

export function chooseInviteView(userAgent: string | undefined, on: unknown): InviteView {
  if (on === 'phone' || on === 'desktop') return on;
  return userAgent !== undefined && MOBILE_USER_AGENT.test(userAgent) ? 'phone' : 'desktop';
}
