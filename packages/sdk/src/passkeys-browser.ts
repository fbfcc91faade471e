// Browser side of the passkey ceremonies (WebAuthn Level 3): turns the JSON options POY returns into
// the ArrayBuffer-based options navigator.credentials expects, runs the ceremony, and turns the
// credential back into the JSON POY verifies (base64url fields). Your backend calls POY with the API
// key; the browser only ever sees options and returns a credential, never the key.
import { base64UrlToBytes, bytesToBase64Url, toArrayBuffer } from '@poy/wire';
import type {
  PasskeyAssertion,
  PasskeyCreationOptions,
  PasskeyRegistrationCredential,
  PasskeyRequestOptions,
} from './types.ts';

// WebAuthn's option types, written out (a subset of the DOM's, structurally compatible) so this
// package's declarations do not need the DOM lib: a Node-only project type-checks against them too.

/** A transport hint (WebAuthn §5.8.4). */
export type AuthenticatorTransportName = 'ble' | 'hybrid' | 'internal' | 'nfc' | 'usb';
/** `discouraged`, `preferred` or `required` (WebAuthn §5.8.6). */
export type UserVerificationRequirementName = 'discouraged' | 'preferred' | 'required';

/** PublicKeyCredentialDescriptor with binary id. */
export interface CredentialDescriptor {
  id: ArrayBuffer;
  type: 'public-key';
  transports?: AuthenticatorTransportName[];
}

/** PublicKeyCredentialCreationOptions (WebAuthn §5.4), binary fields as ArrayBuffer. */
export interface WebAuthnCreationOptions {
  challenge: ArrayBuffer;
  rp: { name: string; id?: string };
  user: { id: ArrayBuffer; name: string; displayName: string };
  pubKeyCredParams: Array<{ type: 'public-key'; alg: number }>;
  timeout?: number;
  excludeCredentials?: CredentialDescriptor[];
  authenticatorSelection?: {
    authenticatorAttachment?: 'platform' | 'cross-platform';
    residentKey?: 'discouraged' | 'preferred' | 'required';
    requireResidentKey?: boolean;
    userVerification?: UserVerificationRequirementName;
  };
  attestation?: 'none' | 'indirect' | 'direct' | 'enterprise';
  extensions?: { credProps?: boolean };
}

/** PublicKeyCredentialRequestOptions (WebAuthn §5.5), binary fields as ArrayBuffer. */
export interface WebAuthnRequestOptions {
  challenge: ArrayBuffer;
  timeout?: number;
  rpId?: string;
  allowCredentials?: CredentialDescriptor[];
  userVerification?: UserVerificationRequirementName;
}

/** How the browser may mediate a sign-in (Credential Management §2.3.2). */
export type MediationRequirement = 'conditional' | 'optional' | 'required' | 'silent';

/** The part of `navigator.credentials` the ceremonies use; inject your own in tests. */
export interface CredentialsLike {
  create(options: { publicKey: WebAuthnCreationOptions; signal?: AbortSignal }): Promise<unknown>;
  get(options: {
    publicKey: WebAuthnRequestOptions;
    signal?: AbortSignal;
    mediation?: MediationRequirement;
  }): Promise<unknown>;
}

/** Options of {@link runPasskeyRegistration} and {@link runPasskeyAuthentication}. */
export interface PasskeyCeremonyOptions {
  /** Cancels the ceremony (e.g. when the user leaves the page). */
  signal?: AbortSignal;
  /** Default: `navigator.credentials`. */
  credentials?: CredentialsLike;
}

/** Options of {@link runPasskeyAuthentication}. */
export interface PasskeyAuthenticationCeremonyOptions extends PasskeyCeremonyOptions {
  /** `conditional` for passkey autofill (the input needs `autocomplete="username webauthn"`). */
  mediation?: MediationRequirement;
}

function credentialsApi(injected: CredentialsLike | undefined): CredentialsLike {
  if (injected) return injected;
  // Node 21+ has a global navigator without credentials; only a WebAuthn browser has both.
  if (
    typeof navigator !== 'undefined' &&
    typeof navigator.credentials === 'object' &&
    typeof PublicKeyCredential === 'function'
  ) {
    return navigator.credentials;
  }
  throw new Error(
    'Passkeys need a browser with WebAuthn (navigator.credentials and PublicKeyCredential) on a secure page (https or http://localhost).',
  );
}

function bufferFromBase64Url(value: string, field: string): ArrayBuffer {
  const bytes = base64UrlToBytes(value);
  if (bytes === null) throw new TypeError(`${field} is not base64url.`);
  return toArrayBuffer(bytes);
}

function pick<const T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

const TRANSPORTS: readonly AuthenticatorTransportName[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb'];

function descriptors(
  list: PasskeyCreationOptions['excludeCredentials'],
  field: string,
): CredentialDescriptor[] | undefined {
  if (list === undefined) return undefined;
  return list.map((descriptor, index) => {
    const transports = (descriptor.transports ?? []).flatMap((transport) => {
      const known = pick(transport, TRANSPORTS);
      return known === undefined ? [] : [known];
    });
    return {
      id: bufferFromBase64Url(descriptor.id, `${field}[${index}].id`),
      type: 'public-key',
      ...(descriptor.transports !== undefined ? { transports } : {}),
    };
  });
}

/** Converts POY's creation options JSON into WebAuthn's PublicKeyCredentialCreationOptions. */
export function toCreationOptions(options: PasskeyCreationOptions): WebAuthnCreationOptions {
  const selection = options.authenticatorSelection;
  const excludeCredentials = descriptors(options.excludeCredentials, 'excludeCredentials');
  const attestation = pick(options.attestation, ['none', 'indirect', 'direct', 'enterprise']);
  return {
    challenge: bufferFromBase64Url(options.challenge, 'challenge'),
    rp: { name: options.rp.name, ...(options.rp.id !== undefined ? { id: options.rp.id } : {}) },
    user: {
      id: bufferFromBase64Url(options.user.id, 'user.id'),
      name: options.user.name,
      displayName: options.user.displayName,
    },
    pubKeyCredParams: options.pubKeyCredParams.map((parameter) => ({
      type: 'public-key',
      alg: parameter.alg,
    })),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(excludeCredentials !== undefined ? { excludeCredentials } : {}),
    ...(selection !== undefined
      ? {
          authenticatorSelection: {
            ...optional(
              'authenticatorAttachment',
              pick(selection.authenticatorAttachment, ['platform', 'cross-platform']),
            ),
            ...optional('residentKey', pick(selection.residentKey, ['discouraged', 'preferred', 'required'])),
            ...optional('requireResidentKey', selection.requireResidentKey),
            ...optional(
              'userVerification',
              pick(selection.userVerification, ['discouraged', 'preferred', 'required']),
            ),
          },
        }
      : {}),
    ...(attestation !== undefined ? { attestation } : {}),
    ...(options.extensions?.credProps === true ? { extensions: { credProps: true } } : {}),
  };
}

/** Converts POY's request options JSON into WebAuthn's PublicKeyCredentialRequestOptions. */
export function toRequestOptions(options: PasskeyRequestOptions): WebAuthnRequestOptions {
  const allowCredentials = descriptors(options.allowCredentials, 'allowCredentials');
  const userVerification = pick(options.userVerification, ['discouraged', 'preferred', 'required']);
  return {
    challenge: bufferFromBase64Url(options.challenge, 'challenge'),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.rpId !== undefined ? { rpId: options.rpId } : {}),
    ...(allowCredentials !== undefined ? { allowCredentials } : {}),
    ...(userVerification !== undefined ? { userVerification } : {}),
  };
}

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  const out: { [P in K]?: T } = {};
  if (value !== undefined) out[key] = value;
  return out;
}

/** base64url of an ArrayBuffer or view; null for anything else. */
function encodeBuffer(value: unknown): string | null {
  if (value instanceof ArrayBuffer) return bytesToBase64Url(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    return bytesToBase64Url(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  return null;
}

function requireBuffer(owner: object, key: string, what: string): string {
  const encoded = encodeBuffer(Reflect.get(owner, key));
  if (encoded === null) throw new TypeError(`The authenticator's ${what} has no ${key}.`);
  return encoded;
}

/** Calls `owner[method]()` when it is a function, returning undefined when it is absent or throws. */
function callOptional(owner: object, method: string): unknown {
  const fn: unknown = Reflect.get(owner, method);
  if (typeof fn !== 'function') return undefined;
  try {
    return Reflect.apply(fn, owner, []);
  } catch {
    return undefined;
  }
}

function responseOf(credential: unknown, ceremony: string): { credential: object; response: object } {
  if (
    typeof credential !== 'object' ||
    credential === null ||
    Reflect.get(credential, 'type') !== 'public-key'
  ) {
    throw new Error(`The ${ceremony} returned no passkey credential.`);
  }
  const response: unknown = Reflect.get(credential, 'response');
  if (typeof response !== 'object' || response === null) {
    throw new TypeError(`The ${ceremony} returned a credential without a response.`);
  }
  return { credential, response };
}

function extensionResults(credential: object): Record<string, unknown> {
  const results = callOptional(credential, 'getClientExtensionResults');
  if (typeof results !== 'object' || results === null) return {};
  return Object.fromEntries(Object.entries(results));
}

/**
 * Runs passkey registration in the browser: pass the options your backend got from
 * `poy.passkeys.registerOptions(...)`, send the returned credential back to your backend, which hands
 * it to `poy.passkeys.registerVerify({ userId, credential })`.
 *
 * @param options The creation options JSON from POY (base64url `challenge`, `user.id`, …).
 * @param ceremony `signal` to cancel; `credentials` to replace `navigator.credentials` (tests).
 * @returns The credential as RegistrationResponseJSON (base64url fields).
 * @throws Error when the browser has no WebAuthn; the browser's DOMException (`NotAllowedError` when the
 * user cancels or the ceremony times out, `InvalidStateError` when this authenticator is already
 * registered); TypeError when the options are not base64url.
 * @example
 * import { runPasskeyRegistration } from '@poyverify/sdk/browser';
 * const options = await (await fetch('/passkeys/options', { method: 'POST' })).json();
 * const credential = await runPasskeyRegistration(options);
 * await fetch('/passkeys/register', { method: 'POST', body: JSON.stringify({ credential }) });
 */
export async function runPasskeyRegistration(
  options: PasskeyCreationOptions,
  ceremony: PasskeyCeremonyOptions = {},
): Promise<PasskeyRegistrationCredential> {
  const api = credentialsApi(ceremony.credentials);
  const created = await api.create({
    publicKey: toCreationOptions(options),
    ...(ceremony.signal !== undefined ? { signal: ceremony.signal } : {}),
  });
  const { credential, response } = responseOf(created, 'registration');
  const id: unknown = Reflect.get(credential, 'id');
  const transports = callOptional(response, 'getTransports');
  const publicKeyAlgorithm = callOptional(response, 'getPublicKeyAlgorithm');
  const publicKey = encodeBuffer(callOptional(response, 'getPublicKey'));
  const authenticatorData = encodeBuffer(callOptional(response, 'getAuthenticatorData'));
  const attachmentValue: unknown = Reflect.get(credential, 'authenticatorAttachment');
  const attachment = pick(typeof attachmentValue === 'string' ? attachmentValue : undefined, [
    'platform',
    'cross-platform',
  ]);
  const rawId = requireBuffer(credential, 'rawId', 'credential');
  return {
    id: typeof id === 'string' && id.length > 0 ? id : rawId,
    rawId,
    response: {
      clientDataJSON: requireBuffer(response, 'clientDataJSON', 'response'),
      attestationObject: requireBuffer(response, 'attestationObject', 'response'),
      ...(authenticatorData !== null ? { authenticatorData } : {}),
      ...(Array.isArray(transports)
        ? { transports: transports.filter((value): value is string => typeof value === 'string') }
        : {}),
      ...(typeof publicKeyAlgorithm === 'number' ? { publicKeyAlgorithm } : {}),
      ...(publicKey !== null ? { publicKey } : {}),
    },
    ...(attachment !== undefined ? { authenticatorAttachment: attachment } : {}),
    clientExtensionResults: extensionResults(credential),
    type: 'public-key',
  };
}

/**
 * Runs passkey sign-in in the browser: pass the options your backend got from
 * `poy.passkeys.authenticateOptions(...)`, send the returned assertion to your backend, which hands it
 * to `poy.passkeys.authenticate(assertion)` and gets a session token.
 *
 * @param options The request options JSON from POY (base64url `challenge`, `allowCredentials`, …).
 * @param ceremony `signal`, `mediation` (e.g. `conditional` for autofill), `credentials` (tests).
 * @returns `{ credentialId, authenticatorData, clientDataJSON, signature, userHandle? }` (base64url).
 * @throws Error when the browser has no WebAuthn; the browser's DOMException (`NotAllowedError` when the
 * user cancels or no passkey matches); TypeError when the options are not base64url.
 * @example
 * import { runPasskeyAuthentication } from '@poyverify/sdk/browser';
 * const assertion = await runPasskeyAuthentication(await (await fetch('/signin/options')).json());
 * const { sessionToken } = await (await fetch('/signin', { method: 'POST', body: JSON.stringify(assertion) })).json();
 */
export async function runPasskeyAuthentication(
  options: PasskeyRequestOptions,
  ceremony: PasskeyAuthenticationCeremonyOptions = {},
): Promise<PasskeyAssertion> {
  const api = credentialsApi(ceremony.credentials);
  const asserted = await api.get({
    publicKey: toRequestOptions(options),
    ...(ceremony.signal !== undefined ? { signal: ceremony.signal } : {}),
    ...(ceremony.mediation !== undefined ? { mediation: ceremony.mediation } : {}),
  });
  const { credential, response } = responseOf(asserted, 'sign-in');
  const userHandle = encodeBuffer(Reflect.get(response, 'userHandle'));
  return {
    credentialId: requireBuffer(credential, 'rawId', 'credential'),
    authenticatorData: requireBuffer(response, 'authenticatorData', 'response'),
    clientDataJSON: requireBuffer(response, 'clientDataJSON', 'response'),
    signature: requireBuffer(response, 'signature', 'response'),
    ...(userHandle !== null && userHandle.length > 0 ? { userHandle } : {}),
  };
}
