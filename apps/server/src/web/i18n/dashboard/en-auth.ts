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
} as const;
