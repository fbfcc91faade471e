// Passkeys for a project's users in a real browser (Debian Chromium through playwright-core, a CDP
// virtual authenticator standing in for the platform authenticator). The business runs its own site
// (a second local server) and its own backend (this test, holding the API key): the backend asks POY
// for options, the page runs navigator.credentials, the backend posts the result to POY. The session
// token is then verified OFFLINE with nothing but the JWKS served at /.well-known/jwks.json.
// The project is created with its site's origin as its WebAuthn origin (store.insertProject; the
// `project create` command does not take origins yet); the RP id is PUBLIC_URL's host, `localhost`
// (WebAuthn refuses IP literals, so every page is opened by name).
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifySessionTokenOffline } from '@poy/wire';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { z } from 'zod';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemClock } from '../apps/server/src/core/clock.ts';
import { createId } from '../apps/server/src/core/ids.ts';
import { createApiKey } from '../apps/server/src/core/keys/create-api-key.ts';
import { createAccount } from '../apps/server/src/core/tenancy/create-account.ts';
import {
  authenticationResponseSchema,
  creationOptionsSchema,
  registrationResponseSchema,
  requestOptionsSchema,
} from '../apps/server/src/http/schemas/webauthn-json.ts';
import { createLogger } from '../apps/server/src/logger.ts';
import { openConfiguredStore, type RunningServer, startServer } from '../apps/server/src/main.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP_TIMEOUT_MS = 20_000;

const SITE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme: sign in</title></head>
<body><h1>Acme</h1><p id="status">Sign in with your passkey.</p></body></html>`;

/** A port that was free a moment ago (listen on 0, read it, close). */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('No port was assigned'))));
    });
  });
}

/** The business's own web site: one page, on its own origin. */
async function startSite(port: number): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(SITE_PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/**
 * navigator.credentials.create() on the page with POY's options, handed over as the JSON text POY sent
 * (the browser's own parseCreationOptionsFromJSON checks it); returns RegistrationResponseJSON.
 */
async function createCredentialOnPage(page: Page, optionsText: string): Promise<unknown> {
  return page.evaluate(async (text) => {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(text));
    const credential = await navigator.credentials.create({ publicKey });
    if (!(credential instanceof PublicKeyCredential)) throw new Error('No public key credential was created');
    return credential.toJSON();
  }, optionsText);
}

/** navigator.credentials.get() on the page; returns AuthenticationResponseJSON or the DOMException name. */
async function getAssertionOnPage(
  page: Page,
  optionsText: string,
): Promise<{ ok: true; json: unknown } | { ok: false; error: string }> {
  return page.evaluate(async (text) => {
    try {
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(text));
      const credential = await navigator.credentials.get({ publicKey });
      if (!(credential instanceof PublicKeyCredential)) return { ok: false as const, error: 'no credential' };
      return { ok: true as const, json: credential.toJSON() };
    } catch (error) {
      return { ok: false as const, error: error instanceof Error ? error.name : String(error) };
    }
  }, optionsText);
}

const signInAnswer = z.object({
  authenticated: z.literal(true),
  sessionToken: z.string().startsWith('poy_sess_'),
  expiresAt: z.iso.datetime(),
  userId: z.string(),
});

describe('passkeys of a project’s users, in a real browser', () => {
  let dataDir: string;
  let publicUrl: string;
  let siteOrigin: string;
  let liveKey: string;
  let project: { id: string; publicId: string };
  let server: RunningServer;
  let site: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;

  async function poy(path: string, body: unknown): Promise<{ status: number; json: unknown; text: string }> {
    const response = await fetch(`${publicUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${liveKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, json: JSON.parse(text), text };
  }

  function parse<T>(
    reply: { status: number; json: unknown; text: string },
    schema: z.ZodType<T>,
    status = 200,
  ): T {
    assert.equal(reply.status, status, reply.text);
    const parsed = schema.safeParse(reply.json);
    assert.ok(parsed.success, `unexpected body: ${reply.text}`);
    return parsed.data;
  }

  async function signInOnPage(userId?: string) {
    const reply = await poy('/api/poy/passkeys/authenticate/options', userId !== undefined ? { userId } : {});
    parse(reply, requestOptionsSchema);
    const assertion = await getAssertionOnPage(page, reply.text);
    assert.ok(assertion.ok, `navigator.credentials.get failed: ${assertion.ok ? '' : assertion.error}`);
    const json = authenticationResponseSchema.parse(assertion.json);
    return poy('/api/poy/passkeys/authenticate', {
      credentialId: json.id,
      authenticatorData: json.response.authenticatorData,
      clientDataJSON: json.response.clientDataJSON,
      signature: json.response.signature,
      ...(json.response.userHandle ? { userHandle: json.response.userHandle } : {}),
    });
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'poy-e2e-passkeys-'));
    const poyPort = await findFreePort();
    const sitePort = await findFreePort();
    publicUrl = `http://localhost:${poyPort}`;
    siteOrigin = `http://localhost:${sitePort}`;
    const config = loadConfig({
      POY_MODE: 'development',
      HOST: '127.0.0.1',
      PORT: String(poyPort),
      PUBLIC_URL: publicUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });

    // The tenant exists before the server starts (the data directory is locked while it runs).
    const store = await openConfiguredStore(config, createLogger({ logLevel: 'silent' }), true);
    try {
      const deps = { store, clock: systemClock };
      const account = await createAccount(deps, { name: 'Acme' });
      const inserted = await store.insertProject({
        id: createId('proj'),
        accountId: account.id,
        name: 'Acme Tickets',
        publicId: 'acme-tickets',
        plan: 'enterprise',
        webauthnOrigins: [siteOrigin],
        createdAt: systemClock.now(),
      });
      assert.ok(inserted, 'project');
      project = { id: inserted.id, publicId: inserted.publicId };
      const key = await createApiKey(deps, { projectId: inserted.id, mode: 'live', name: 'e2e backend' });
      assert.ok(key, 'api key');
      liveKey = key.secret;
    } finally {
      await store.close();
    }
    server = await startServer(config, { print: () => {}, logger: createLogger({ logLevel: 'silent' }) });
    site = await startSite(sitePort);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
    await page.goto(`${siteOrigin}/login`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await new Promise<void>((resolve) => {
      if (!site) return resolve();
      site.closeAllConnections();
      site.close(() => resolve());
    });
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('registers a passkey on the business’s page, signs in, and the session verifies offline with the JWKS', {
    timeout: 60_000,
  }, async () => {
    // Registration: POY's options → navigator.credentials.create() on the site → POY verifies.
    const creationReply = await poy('/api/poy/passkeys/register', {
      userId: 'usr_abc123',
      displayName: 'Jane Doe',
    });
    const creation = parse(creationReply, creationOptionsSchema);
    assert.deepEqual(creation.rp, { name: 'Acme Tickets', id: 'localhost' });
    const credential = registrationResponseSchema.parse(
      await createCredentialOnPage(page, creationReply.text),
    );
    const registered = parse(
      await poy('/api/poy/passkeys/register/verify', { userId: 'usr_abc123', credential }),
      z.object({ verified: z.literal(true), credentialId: z.string() }),
    );
    assert.equal(registered.credentialId, credential.id);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.rpId, 'localhost');

    // Sign-in for the named user.
    const signedIn = parse(await signInOnPage('usr_abc123'), signInAnswer);
    assert.equal(signedIn.userId, 'usr_abc123');

    // Offline: only the JWKS JSON, fetched like any client would, no API key.
    const jwksResponse = await fetch(`${publicUrl}/.well-known/jwks.json`);
    assert.equal(jwksResponse.status, 200);
    assert.equal(jwksResponse.headers.get('cache-control'), 'public, max-age=300');
    const jwks: unknown = await jwksResponse.json();
    const offline = await verifySessionTokenOffline(signedIn.sessionToken, jwks, {
      issuer: publicUrl,
      audience: project.publicId,
      projectId: project.id,
      mode: 'live',
    });
    assert.ok(offline.valid, JSON.stringify(offline));
    assert.equal(offline.claims.sub, 'usr_abc123');
    assert.equal(offline.claims.cred, registered.credentialId);

    // And once more with node:crypto alone: ES256 over "header.payload", P1363 signature, key by kid.
    const jws = signedIn.sessionToken.slice('poy_sess_'.length);
    const [headerPart = '', payloadPart = '', signaturePart = ''] = jws.split('.');
    const header = z
      .object({ alg: z.literal('ES256'), kid: z.string() })
      .parse(JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')));
    const jwk = z
      .object({ keys: z.array(z.object({ kid: z.string() }).catchall(z.unknown())) })
      .parse(jwks)
      .keys.find((key) => key.kid === header.kid);
    assert.ok(jwk, 'the JWKS has the token’s key');
    assert.ok(
      verify(
        'sha256',
        Buffer.from(`${headerPart}.${payloadPart}`),
        { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
        Buffer.from(signaturePart, 'base64url'),
      ),
    );

    // The server agrees.
    const online = parse(
      await poy('/api/poy/sessions/verify', { sessionToken: signedIn.sessionToken }),
      z.object({ valid: z.literal(true), userId: z.literal('usr_abc123') }),
    );
    assert.equal(online.valid, true);
  });

  it('signs in without a username (discoverable passkey)', { timeout: 60_000 }, async () => {
    const signedIn = parse(await signInOnPage(), signInAnswer);
    assert.equal(signedIn.userId, 'usr_abc123');
  });

  it('refuses the ceremony on an origin that is not the project’s (POY’s own origin)', {
    timeout: 60_000,
  }, async () => {
    const elsewhere = await context.newPage();
    try {
      // Same RP id (localhost), so the authenticator answers; only the origin in clientDataJSON differs.
      await elsewhere.goto(`${publicUrl}/healthz`);
      const session = await context.newCDPSession(elsewhere);
      await session.send('WebAuthn.enable', { enableUI: false });
      const { authenticatorId: otherAuthenticator } = await session.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });
      // The same credential, moved to this page's authenticator (a passkey synced to another device).
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      const [stored] = credentials;
      assert.ok(stored);
      await session.send('WebAuthn.addCredential', {
        authenticatorId: otherAuthenticator,
        credential: stored,
      });
      const options = await poy('/api/poy/passkeys/authenticate/options', { userId: 'usr_abc123' });
      parse(options, requestOptionsSchema);
      const assertion = await getAssertionOnPage(elsewhere, options.text);
      assert.ok(assertion.ok, assertion.ok ? '' : assertion.error);
      const json = authenticationResponseSchema.parse(assertion.json);
      const reply = await poy('/api/poy/passkeys/authenticate', {
        credentialId: json.id,
        authenticatorData: json.response.authenticatorData,
        clientDataJSON: json.response.clientDataJSON,
        signature: json.response.signature,
        userHandle: json.response.userHandle,
      });
      const error = parse(
        reply,
        z.object({ error: z.object({ code: z.literal(401), type: z.literal('unauthorized') }) }),
        401,
      );
      assert.equal(error.error.code, 401);
    } finally {
      await elsewhere.close();
    }
  });

  it('without user verification the sign-in fails (UV is required)', { timeout: 60_000 }, async () => {
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    try {
      const options = await poy('/api/poy/passkeys/authenticate/options', { userId: 'usr_abc123' });
      parse(options, requestOptionsSchema);
      const assertion = await getAssertionOnPage(page, options.text);
      if (assertion.ok) {
        // If the browser hands out an assertion without UV, POY must refuse it.
        const json = authenticationResponseSchema.parse(assertion.json);
        const reply = await poy('/api/poy/passkeys/authenticate', {
          credentialId: json.id,
          authenticatorData: json.response.authenticatorData,
          clientDataJSON: json.response.clientDataJSON,
          signature: json.response.signature,
        });
        assert.equal(reply.status, 401, reply.text);
      } else {
        assert.equal(assertion.error, 'NotAllowedError');
      }
    } finally {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    }
  });
});
