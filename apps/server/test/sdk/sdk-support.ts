// Shared pieces of the TypeScript SDK tests: the real POY app listening on a port, a scripted HTTP
// server for retry tests, an SDK build into a throwaway node_modules, and a navigator.credentials
// stand-in backed by the software authenticator (so the SDK's browser passkey code runs against the
// real server's WebAuthn verification).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CredentialsLike,
  WebAuthnCreationOptions,
  WebAuthnRequestOptions,
} from '../../../../packages/sdk/src/browser.ts';
import { createTestApp, type TestApp } from '../harness.ts';
import type { SoftAuthenticator } from '../support/soft-authenticator.ts';

export const PUBLIC_URL = 'http://localhost:8080';
export const SDK_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/sdk');

/** The real app (real store, real routes) listening on 127.0.0.1 at a free port. */
export async function startListeningApp(): Promise<{
  harness: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}> {
  const harness = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
  const baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
  return { harness, baseUrl, close: () => harness.close() };
}

/** One request as the scripted server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** What the scripted server answers to one request. */
export interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A real HTTP server on 127.0.0.1 that answers `answers` in order (the last repeats). */
export async function startScriptedServer(
  answers: ScriptedAnswer[],
): Promise<{ baseUrl: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
      });
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
      if (!answer) throw new Error('no scripted answer');
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('scripted server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Builds the SDK as it ships (its build script: @poy/wire bundled in, no declarations) into
 * `<project>/node_modules/@poyverify/sdk` with its package.json, so code in `project` can
 * `import { POYVerify } from '@poyverify/sdk'` exactly as users do.
 */
export function installSdkBuild(project: string): void {
  const target = join(project, 'node_modules', '@poyverify', 'sdk');
  mkdirSync(target, { recursive: true });
  execFileSync(
    process.execPath,
    [join(SDK_ROOT, 'scripts', 'build.mjs'), '--out-dir', join(target, 'dist'), '--js-only'],
    { stdio: 'pipe' },
  );
  cpSync(join(SDK_ROOT, 'package.json'), join(target, 'package.json'));
}

function base64Url(buffer: ArrayBuffer): string {
  return Buffer.from(new Uint8Array(buffer)).toString('base64url');
}

function arrayBuffer(base64url: string): ArrayBuffer {
  const bytes = Buffer.from(base64url, 'base64url');
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

/**
 * navigator.credentials as a browser with a platform authenticator would behave, backed by the
 * software authenticator: binary options in, PublicKeyCredential-shaped objects (ArrayBuffers and the
 * getter methods browsers provide) out.
 */
export function softCredentials(authenticator: SoftAuthenticator, origin: string): CredentialsLike {
  return {
    async create(options: { publicKey: WebAuthnCreationOptions }) {
      const json = authenticator.createRegistrationResponse(
        {
          challenge: base64Url(options.publicKey.challenge),
          rp: { id: options.publicKey.rp.id },
          user: { id: base64Url(options.publicKey.user.id) },
        },
        { origin },
      );
      const { response } = json;
      return {
        id: json.id,
        rawId: arrayBuffer(json.rawId),
        type: 'public-key',
        authenticatorAttachment: json.authenticatorAttachment,
        response: {
          clientDataJSON: arrayBuffer(response.clientDataJSON),
          attestationObject: arrayBuffer(response.attestationObject),
          getTransports: () => response.transports ?? [],
          getPublicKeyAlgorithm: () => response.publicKeyAlgorithm,
          getPublicKey: () => (response.publicKey ? arrayBuffer(response.publicKey) : null),
          getAuthenticatorData: () =>
            response.authenticatorData ? arrayBuffer(response.authenticatorData) : null,
        },
        getClientExtensionResults: () => ({}),
      };
    },
    async get(options: { publicKey: WebAuthnRequestOptions }) {
      const json = authenticator.createAuthenticationResponse(
        {
          challenge: base64Url(options.publicKey.challenge),
          rpId: options.publicKey.rpId,
          allowCredentials: options.publicKey.allowCredentials?.map((descriptor) => ({
            id: base64Url(descriptor.id),
          })),
        },
        { origin },
      );
      return {
        id: json.id,
        rawId: arrayBuffer(json.rawId),
        type: 'public-key',
        response: {
          authenticatorData: arrayBuffer(json.response.authenticatorData),
          clientDataJSON: arrayBuffer(json.response.clientDataJSON),
          signature: arrayBuffer(json.response.signature),
          userHandle: json.response.userHandle ? arrayBuffer(json.response.userHandle) : null,
        },
      };
    },
  };
}
