// `@poyverify/sdk/browser`: what a web page needs for passkeys, without the server-side client.
// Import it in front-end code; it never needs (and must never see) an API key.
export {
  type CredentialsLike,
  type PasskeyAuthenticationCeremonyOptions,
  type PasskeyCeremonyOptions,
  runPasskeyAuthentication,
  runPasskeyRegistration,
  toCreationOptions,
  toRequestOptions,
  type WebAuthnCreationOptions,
  type WebAuthnRequestOptions,
} from './passkeys-browser.ts';
export type {
  PasskeyAssertion,
  PasskeyCreationOptions,
  PasskeyRegistrationCredential,
  PasskeyRequestOptions,
} from './types.ts';
