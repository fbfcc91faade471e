// The dashboard's auth strings, in English (spread into the catalog by en.ts): sign-in, one-time
// links, sessions, and the refusal pages every dashboard route shares.
export const enAuth = {
  'dash.auth.refusal.badRequest.title': 'That request could not be used',
  'dash.auth.refusal.badRequest.body': 'Something in it was missing or not valid. Go back and try again.',
  'dash.auth.refusal.signedOut.title': 'You are signed out',
  'dash.auth.refusal.signedOut.body':
    'Your session ended (it expires after 30 minutes without use, and after 12 hours). Sign in again.',
  'dash.auth.refusal.forbidden.title': 'Not allowed',
  'dash.auth.refusal.forbidden.body':
    'Your role in this account does not allow this. Ask an owner or an admin.',
  'dash.auth.refusal.forgery.title': 'Request refused',
  'dash.auth.refusal.forgery.body':
    'This request did not come from a dashboard page we sent you, so nothing was changed. Reload the page and try again.',
  'dash.auth.refusal.notFound.title': 'Not found',
  'dash.auth.refusal.notFound.body': 'There is nothing here, or it belongs to another account.',
  'dash.auth.refusal.tooMany.title': 'Too many attempts',
  'dash.auth.refusal.tooMany.body': 'Wait a few minutes, then try again.',
  'dash.auth.refusal.internal.title': 'Something went wrong',
  'dash.auth.refusal.internal.body': 'The problem was logged. Try again in a moment.',

  'dash.auth.noscript': 'Passkeys need JavaScript. Turn it on, or open this page in another browser.',
  'dash.auth.login.title': 'Sign in to the dashboard',
  'dash.auth.login.intro':
    'Use the passkey you created when you opened your sign-in or invite link. No password, no user name.',
  'dash.auth.login.button': 'Sign in with a passkey',
  'dash.auth.login.noPasskey':
    'No passkey yet? Ask an owner or an admin of your account for an invite link. On a new server, use the sign-in link it printed when it first started.',
  'dash.auth.login.signedOut': 'You are signed out.',

  'dash.auth.link.title': 'Join {accountName}',
  'dash.auth.link.firstOwnerIntro':
    'You are the first owner of {accountName}. Enter your name and create a passkey: it is how you sign in from now on.',
  'dash.auth.link.inviteIntro':
    'You are invited to {accountName} as {role}. Enter your name and create a passkey: it is how you sign in from now on.',
  'dash.auth.link.expiresAt': 'This link works once, until {time}.',
  'dash.auth.link.nameLabel': 'Your name',
  'dash.auth.link.nameHint': 'Your team sees it, and the audit log records it beside what you do.',
  'dash.auth.link.button': 'Create a passkey and sign in',
  'dash.auth.link.unknown.title': 'This link does not work',
  'dash.auth.link.unknown.body': 'It may be mistyped. Ask whoever sent it for a new one.',
  'dash.auth.link.used.title': 'This link was already used',
  'dash.auth.link.used.body':
    'A link works once. If you created a passkey with it, sign in with that passkey; otherwise ask for a new invite.',
  'dash.auth.link.expired.title': 'This link has expired',
  'dash.auth.link.expired.body': 'Ask an owner or an admin of the account for a new invite.',

  'dash.auth.ceremony.challengeInvalid':
    'The passkey prompt took too long or was already answered. Try again.',
  'dash.auth.ceremony.passkeyInvalid': 'The passkey could not be checked. Try again.',
  'dash.auth.ceremony.passkeyUnknown':
    'This passkey is not registered for this dashboard. Use the one you created with your link, or ask for an invite.',
  'dash.auth.ceremony.credentialExists': 'This passkey is already registered here. Sign in with it instead.',
  'dash.auth.ceremony.memberRemoved': 'You are no longer a member of this account.',

  'dash.auth.client.waiting': 'Waiting for your passkey…',
  'dash.auth.client.signedIn': 'Signed in. Opening the dashboard…',
  'dash.auth.client.cancelled': 'The passkey prompt was closed. Try again when you are ready.',
  'dash.auth.client.alreadyRegistered':
    'This device already has a passkey for this dashboard. Sign in with it instead.',
  'dash.auth.client.unsupported':
    'This browser cannot use passkeys. Use a current version of Chrome, Edge, Firefox or Safari.',
  'dash.auth.client.nameRequired': 'Enter your name.',
  'dash.auth.client.network': 'The server could not be reached. Check your connection and try again.',
  'dash.auth.client.failed': 'That did not work. Try again.',

  'dash.auth.security.title': 'Sessions',
  'dash.auth.security.intro':
    'Where you are signed in. A session ends after 30 minutes without use, and 12 hours after you signed in.',
  'dash.auth.security.caption': 'Your sessions',
  'dash.auth.security.col.browser': 'Browser',
  'dash.auth.security.col.started': 'Signed in',
  'dash.auth.security.col.lastSeen': 'Last used',
  'dash.auth.security.thisSession': 'This session',
  'dash.auth.security.unknownBrowser': 'Unknown browser',
  'dash.auth.security.signOutHeading': 'Sign out',
  'dash.auth.security.signOut': 'Sign out of this session',
  'dash.auth.security.signOutEverywhere': 'Sign out everywhere',
  'dash.auth.security.signOutEverywhereHint':
    'Ends every session of yours on every device, this one too. Use it if you lost a device or signed in on a shared computer.',
  'dash.auth.security.confirmEverywhere': 'Sign out of every session, on every device?',
} as const;
