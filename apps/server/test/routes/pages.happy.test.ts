// The hosted pages through app.inject() (and a real socket for server-sent events), fed by an in-memory
// fixture in place of the store: desktop and phone views, /join, /status, /events and the assets.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY, PHONE_CONTENT_SECURITY_POLICY } from '../../src/http/routes/pages.ts';
import { bodyOf } from '../harness.ts';
import { createInvitePageFixture } from '../support/page-fixtures.ts';
import { buildPagesApp } from '../support/pages-app.ts';

const PUBLIC_URL = 'http://localhost:8080';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** The JSON the page hands its script. */
function pageConfig(body: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="poy-config">([^<]*)<\/script>/.exec(body);
  assert.ok(match?.[1], 'the page has a config block');
  return bodyOf({ body: match[1] });
}

describe('pages: invite views', () => {
  const fixture = createInvitePageFixture(PUBLIC_URL);
  let app: FastifyInstance;
  before(async () => {
    fixture.add('invPendingLive00000001', {});
    fixture.add('invPendingTest00000002', { mode: 'test', shortCode: 'WXYZ-6789' });
    fixture.add('invVerified00000000003', {
      status: 'VERIFIED',
      redirectUrl: 'https://acme.example/back?status=VERIFIED&user_id=u1',
      shortCode: 'QRST-0003',
    });
    fixture.add('invPhoneType0000000004', {
      dataRequestType: 'IS_PHONE_NUMBER_VERIFIED',
      shortCode: 'QRST-0004',
    });
    app = await buildPagesApp(fixture);
  });
  after(async () => {
    await app.close();
  });

  it('a computer gets the QR hand-off with the short code and live progress', async () => {
    const response = await app.inject({
      url: '/i/invPendingLive00000001',
      headers: { 'user-agent': DESKTOP },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    const body = response.body;
    assert.match(body, /<svg role="img" aria-label="QR code that opens this verification on your phone"/);
    assert.match(body, /<span aria-hidden="true">ABCD-2345<\/span>/);
    assert.match(body, /Code: A B C D 2 3 4 5/);
    assert.match(body, /<strong class="join-url">localhost:8080\/join<\/strong>/);
    assert.match(body, /<a href="\?on=phone">Open on this device instead<\/a>/);
    assert.match(body, /role="status" aria-live="polite"/);
    assert.match(
      body,
      /<time datetime="2030-01-01T12:00:00.000Z" data-local-time>2030-01-01 12:00 UTC<\/time>/,
    );
    assert.match(body, /<script type="module" src="\/assets\/desktop\.[0-9a-f]{8}\.js"><\/script>/);
    assert.ok(!body.includes('phone.js'));
    assert.ok(!body.includes('sandbox-banner'));
    const config = pageConfig(body);
    assert.equal(config.code, 'invPendingLive00000001');
    assert.equal(config.status, 'PENDING');
    assert.equal(config.redirectUrl, null);
  });

  it('the QR code encodes the invite URL', async () => {
    const qrcode = await import('qrcode');
    const expected = await qrcode.toString(`${PUBLIC_URL}/i/invPendingLive00000001`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    const response = await app.inject({ url: '/i/invPendingLive00000001' });
    const path = /<path stroke="#000000" d="([^"]+)"/.exec(expected)?.[1];
    assert.ok(path);
    assert.ok(response.body.includes(path), 'same modules as the invite URL’s QR code');
  });

  it('a phone gets the check; ?on= overrides the user agent either way', async () => {
    const phone = await app.inject({ url: '/i/invPendingLive00000001', headers: { 'user-agent': IPHONE } });
    assert.equal(phone.statusCode, 200, phone.body);
    assert.match(phone.body, /<script type="module" src="\/assets\/phone\.[0-9a-f]{8}\.js"><\/script>/);
    assert.match(phone.body, /id="step-intro"/);
    assert.match(phone.body, /<button id="passkey-create"[^>]*>Create my PoY identity<\/button>/);
    assert.match(phone.body, /<button id="passkey-existing"[^>]*>I already have a PoY passkey<\/button>/);
    for (const id of [
      'step-consent',
      'consent-start',
      'consent-no-camera',
      'consent-cannot-move',
      'consent-declined',
      'step-camera',
      'camera-video',
      'camera-prompt',
      'camera-retry',
      'camera-again',
      'camera-finish',
      'camera-without',
      'step-skip',
      'skip-finish',
      'step-result',
    ]) {
      assert.match(phone.body, new RegExp(`id="${id}"`), id);
    }
    assert.match(phone.body, /<section id="step-camera" [^>]*data-state="loading"/);
    assert.match(phone.body, /<button id="consent-start"[^>]*>Start camera check<\/button>/);
    assert.match(
      phone.body,
      /<button id="consent-declined"[^>]*data-skip-reason="declined"[^>]*>I’d rather not<\/button>/,
    );
    assert.match(phone.body, /never written to disk, to logs or to a database/);
    assert.ok(!phone.body.includes('id="arena"'), 'the drag challenge is gone');
    assert.ok(!phone.body.includes('human.esm.js'), 'the face model is not part of the first load');
    assert.match(phone.body, /Your humanness score and an ID/);
    assert.ok(!phone.body.includes('data-outcome'), 'no simulator in live mode');
    const config = pageConfig(phone.body);
    assert.equal(config.mode, 'live');
    const messages = config.messages;
    assert.ok(typeof messages === 'object' && messages !== null && 'reason.DUPLICATE_HUMAN' in messages);

    const forcedDesktop = await app.inject({
      url: '/i/invPendingLive00000001?on=desktop',
      headers: { 'user-agent': IPHONE },
    });
    assert.match(forcedDesktop.body, /desktop\.[0-9a-f]{8}\.js/);
    const forcedPhone = await app.inject({
      url: '/i/invPendingLive00000001?on=phone',
      headers: { 'user-agent': DESKTOP },
    });
    assert.match(forcedPhone.body, /phone\.[0-9a-f]{8}\.js/);
  });

  it('test mode shows the sandbox banner and, on the phone, the outcome simulator', async () => {
    const phone = await app.inject({ url: '/i/invPendingTest00000002?on=phone' });
    assert.match(phone.body, /class="sandbox-banner"/);
    for (const outcome of ['verified', 'failed', 'duplicate', 'expired']) {
      assert.match(phone.body, new RegExp(`<button [^>]*data-outcome="${outcome}"`));
    }
    const desktop = await app.inject({ url: '/i/invPendingTest00000002' });
    assert.match(desktop.body, /class="sandbox-banner"/);
    assert.ok(!desktop.body.includes('data-outcome'));
  });

  it('a finished invite shows its end state, with the way back when there is one', async () => {
    const phone = await app.inject({ url: '/i/invVerified00000000003?on=phone' });
    assert.equal(phone.statusCode, 200);
    assert.match(
      phone.body,
      /<section id="end-state" class="end-state" data-status="VERIFIED"[^>]*tabindex="-1">/,
    );
    assert.match(phone.body, /<h1 id="end-title">Verification complete<\/h1>/);
    assert.match(
      phone.body,
      /href="https:\/\/acme.example\/back\?status=VERIFIED&amp;user_id=u1">Continue to Acme Forum<\/a>/,
    );
    assert.ok(!phone.body.includes('phone.js'), 'nothing left to run');
    assert.ok(!phone.body.includes('step-intro'));

    const desktop = await app.inject({ url: '/i/invVerified00000000003' });
    assert.match(desktop.body, /<div id="pending-view" hidden>/);
    assert.match(desktop.body, /desktop\.[0-9a-f]{8}\.js/, 'the script performs the redirect');
    assert.equal(pageConfig(desktop.body).status, 'VERIFIED');
  });

  it('says what the business receives for each data request type', async () => {
    const phone = await app.inject({ url: '/i/invPhoneType0000000004?on=phone' });
    assert.match(phone.body, /Whether your phone number is verified\./);
  });

  it('an unknown invite gets a friendly 404 page pointing to /join', async () => {
    const response = await app.inject({ url: '/i/invDoesNotExist0000000' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /This link does not work/);
    assert.match(response.body, /<a href="\/join">/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  it('GET /i/:code/status answers the status and redirect', async () => {
    const pending = await app.inject({ url: '/i/invPendingLive00000001/status' });
    assert.equal(pending.statusCode, 200, pending.body);
    assert.deepEqual(bodyOf(pending), { status: 'PENDING', redirectUrl: null });
    assert.equal(pending.headers['cache-control'], 'no-store');
    const verified = await app.inject({ url: '/i/invVerified00000000003/status' });
    assert.deepEqual(bodyOf(verified), {
      status: 'VERIFIED',
      redirectUrl: 'https://acme.example/back?status=VERIFIED&user_id=u1',
    });
    const unknown = await app.inject({ url: '/i/invDoesNotExist0000000/status' });
    assert.equal(unknown.statusCode, 404);
    const error = bodyOf(unknown).error;
    assert.ok(typeof error === 'object' && error !== null);
    assert.equal(Reflect.get(error, 'code'), 404);
    assert.equal(Reflect.get(error, 'type'), 'not_found');
  });
});

describe('pages: /join', () => {
  const fixture = createInvitePageFixture(PUBLIC_URL);
  const lookedUp: string[] = [];
  let app: FastifyInstance;
  before(async () => {
    fixture.add('invJoinTarget000000001', { shortCode: 'ABCD-2345' });
    fixture.add('invJoinExpired00000002', { shortCode: 'EXPD-2345', status: 'EXPIRED' });
    app = await buildPagesApp(fixture, {
      resolveShortCode: (shortCode) => {
        lookedUp.push(shortCode);
        return fixture.resolveShortCode(shortCode);
      },
    });
  });
  after(async () => {
    await app.close();
  });

  it('shows an accessible form', async () => {
    const response = await app.inject({ url: '/join' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<form class="join-form" method="get" action="\/join"/);
    assert.match(response.body, /<label for="code">Code<\/label>/);
    assert.match(response.body, /<input id="code" name="code"[^>]*aria-describedby="code-hint"/);
    assert.ok(!response.body.includes('aria-invalid'));
  });

  it('a typed code (any case, spaces, dashes) redirects to the phone view of its invite', async () => {
    for (const typed of ['ABCD-2345', 'abcd 2345', ' abcd-23-45 ']) {
      const response = await app.inject({ url: `/join?code=${encodeURIComponent(typed)}` });
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, '/i/invJoinTarget000000001?on=phone');
      assert.equal(response.headers['cache-control'], 'no-store');
    }
    assert.ok(
      lookedUp.every((shortCode) => shortCode === 'ABCD2345'),
      lookedUp.join(),
    );
  });

  it('a malformed code re-renders the form with the error, without a lookup', async () => {
    const before = lookedUp.length;
    const response = await app.inject({ url: '/join?code=zz' });
    assert.equal(response.statusCode, 400);
    assert.match(
      response.body,
      /<p id="code-error" class="field-error" role="alert">That does not look like a code/,
    );
    assert.match(response.body, /value="zz"/);
    assert.match(response.body, /aria-invalid="true"/);
    assert.match(response.body, /aria-describedby="code-error code-hint"/);
    assert.equal(lookedUp.length, before);
  });

  it('an unknown or expired code re-renders the form with its own error', async () => {
    for (const typed of ['ZZZZ-9999', 'EXPD-2345']) {
      const response = await app.inject({ url: `/join?code=${typed}` });
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /We could not find that code/);
      assert.match(response.body, new RegExp(`value="${typed}"`));
    }
  });
});

describe('pages: assets', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildPagesApp(createInvitePageFixture(PUBLIC_URL));
  });
  after(async () => {
    await app.close();
  });

  it('serves the stylesheet and client modules', async () => {
    const css = await app.inject({ url: '/assets/poy.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.equal(css.headers['x-content-type-options'], 'nosniff');
    for (const script of ['desktop.js', 'phone.js', 'camera.js', 'camera-pose.js', 'common.js']) {
      const response = await app.inject({ url: `/assets/${script}` });
      assert.equal(response.statusCode, 200, script);
      assert.match(String(response.headers['content-type']), /javascript/, script);
    }
  });

  it('serves @simplewebauthn/browser as ES modules, including what its entry imports', async () => {
    const entry = await app.inject({ url: '/assets/vendor/simplewebauthn/index.js' });
    assert.equal(entry.statusCode, 200);
    assert.match(String(entry.headers['content-type']), /javascript/);
    assert.match(entry.body, /export \* from '\.\/methods\/startRegistration\.js'/);
    for (const [, path] of entry.body.matchAll(/from '\.\/([^']+)'/g)) {
      const imported = await app.inject({ url: `/assets/vendor/simplewebauthn/${path}` });
      assert.equal(imported.statusCode, 200, path);
    }
    // The phone page loads it once the person moves past the intro, not with the first screen.
    const phone = await app.inject({ url: '/assets/phone.js' });
    assert.match(phone.body, /import\('\/assets\/vendor\/simplewebauthn\/index\.js'\)/);
    assert.doesNotMatch(phone.body, /from '\/assets\/vendor\/simplewebauthn/);
  });

  it('serves the camera step’s face model from our origin, each file with its type and a long cache', async () => {
    const expected: Array<[string, RegExp]> = [
      ['human.esm.js', /^text\/javascript/],
      ['models/blazeface.json', /^application\/json/],
      ['models/blazeface.bin', /^application\/octet-stream$/],
      ['models/facemesh.json', /^application\/json/],
      ['models/facemesh.bin', /^application\/octet-stream$/],
      ['wasm/tfjs-backend-wasm.wasm', /^application\/wasm$/],
      ['wasm/tfjs-backend-wasm-simd.wasm', /^application\/wasm$/],
      ['wasm/tfjs-backend-wasm-threaded-simd.wasm', /^application\/wasm$/],
    ];
    for (const [name, type] of expected) {
      const response = await app.inject({ url: `/assets/face/${name}` });
      assert.equal(response.statusCode, 200, name);
      assert.match(String(response.headers['content-type']), type, name);
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable', name);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', name);
      assert.equal(Number(response.headers['content-length']), response.rawPayload.length, name);
      assert.ok(response.rawPayload.length > 1000, name);
    }
    const wasm = await app.inject({ url: '/assets/face/wasm/tfjs-backend-wasm-simd.wasm' });
    assert.deepEqual([...wasm.rawPayload.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'WebAssembly magic');
    const model = bodyOf(await app.inject({ url: '/assets/face/models/facemesh.json' }));
    const manifest = model.weightsManifest;
    assert.ok(Array.isArray(manifest), 'a graph model manifest');
    const weightPaths: unknown[] = manifest.flatMap((group: unknown) =>
      typeof group === 'object' && group !== null ? Reflect.get(group, 'paths') : [],
    );
    assert.deepEqual(weightPaths, ['facemesh.bin'], 'its weights are served beside it');
    const head = await app.inject({ method: 'HEAD', url: '/assets/face/human.esm.js' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });

  it('the phone page may compile WebAssembly; no other page may', async () => {
    const fixture = createInvitePageFixture(PUBLIC_URL);
    fixture.add('invWasmPolicy000000001', {});
    const pages = await buildPagesApp(fixture);
    try {
      const phone = await pages.inject({ url: '/i/invWasmPolicy000000001?on=phone' });
      assert.equal(phone.headers['content-security-policy'], PHONE_CONTENT_SECURITY_POLICY);
      assert.match(PHONE_CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval';/);
      for (const url of ['/i/invWasmPolicy000000001?on=desktop', '/join']) {
        const response = await pages.inject({ url });
        assert.equal(response.headers['content-security-policy'], CONTENT_SECURITY_POLICY, url);
        assert.ok(!String(response.headers['content-security-policy']).includes('wasm'), url);
      }
    } finally {
      await pages.close();
    }
  });

  it('serves only modules from the vendor folder, and nothing outside the asset folders', async () => {
    for (const url of [
      '/assets/vendor/simplewebauthn/index.d.ts',
      '/assets/vendor/simplewebauthn/package.json',
      '/assets/../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/vendor/simplewebauthn/../../../../package.json',
    ]) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 404, url);
    }
  });
});

interface ServerSentEvent {
  event: string;
  data: string;
}

/** Reads a text/event-stream response until it ends, returning its events and comment lines. */
async function readEventStream(
  response: Response,
  handlers: { onEvent?: (event: ServerSentEvent) => void; onComment?: (comment: string) => void } = {},
): Promise<{ events: ServerSentEvent[]; comments: string[] }> {
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const reader = response.body?.getReader();
  assert.ok(reader);
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: ServerSentEvent = { event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          comments.push(line);
          handlers.onComment?.(line);
        } else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          event.data = line.slice(6);
          hasData = true;
        }
      }
      if (hasData) {
        events.push(event);
        handlers.onEvent?.(event);
      }
      end = buffer.indexOf('\n\n');
    }
  }
  return { events, comments };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('pages: server-sent events', () => {
  const fixture = createInvitePageFixture(PUBLIC_URL);
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    fixture.add('invEventsLive000000001', {});
    fixture.add('invEventsDone000000002', { status: 'EXPIRED', shortCode: 'QRST-0002' });
    fixture.add('invEventsGone000000003', { shortCode: 'QRST-0003' });
    fixture.add('invEventsBeat000000004', { shortCode: 'QRST-0004' });
    fixture.add('invEventsClose00000005', { shortCode: 'QRST-0005' });
    app = await buildPagesApp(fixture, { heartbeatIntervalMs: 40 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
  });

  it('sends the current state at once, then each change, and ends after a terminal state', async () => {
    const response = await fetch(`${base}/i/invEventsLive000000001/events`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { events } = await readEventStream(response, {
      onEvent: (event) => {
        const data: unknown = JSON.parse(event.data);
        if (typeof data === 'object' && data !== null && Reflect.get(data, 'status') === 'PENDING') {
          fixture.update('invEventsLive000000001', {
            status: 'VERIFIED',
            redirectUrl: 'https://acme.example/back?status=VERIFIED&user_id=u1',
          });
        }
      },
    });
    assert.deepEqual(
      events.map((event) => [event.event, JSON.parse(event.data)]),
      [
        ['status', { status: 'PENDING', redirectUrl: null }],
        [
          'status',
          { status: 'VERIFIED', redirectUrl: 'https://acme.example/back?status=VERIFIED&user_id=u1' },
        ],
      ],
    );
    await waitFor(() => fixture.subscriberCount('invEventsLive000000001') === 0, 'the subscription to end');
  });

  it('an invite that is already over gets one event and the end of the stream', async () => {
    const response = await fetch(`${base}/i/invEventsDone000000002/events`);
    const { events } = await readEventStream(response);
    assert.deepEqual(
      events.map((event) => JSON.parse(event.data)),
      [{ status: 'EXPIRED', redirectUrl: null }],
    );
    await waitFor(() => fixture.subscriberCount('invEventsDone000000002') === 0, 'the subscription to end');
  });

  it('sends heartbeat comments, re-checking the state on each (expiry notifies no one)', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/i/invEventsBeat000000004/events`, { signal: controller.signal });
    const loadsAtStart = fixture.loadCount('invEventsBeat000000004');
    const comments: string[] = [];
    const reading = readEventStream(response, { onComment: (comment) => comments.push(comment) }).catch(
      (error: unknown) => error,
    );
    await waitFor(() => comments.length >= 2, 'two heartbeats');
    assert.deepEqual(comments.slice(0, 2), [': heartbeat', ': heartbeat']);
    assert.ok(
      fixture.loadCount('invEventsBeat000000004') >= loadsAtStart + 2,
      'each heartbeat reloads the invite',
    );
    controller.abort();
    await reading;
  });

  it('releases the subscription when the client goes away', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/i/invEventsGone000000003/events`, { signal: controller.signal });
    assert.equal(response.status, 200);
    await waitFor(() => fixture.subscriberCount('invEventsGone000000003') === 1, 'the subscription');
    controller.abort();
    await waitFor(() => fixture.subscriberCount('invEventsGone000000003') === 0, 'the subscription to end');
  });

  it('answers HEAD without opening a stream', async () => {
    const response = await fetch(`${base}/i/invEventsGone000000003/events`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(fixture.subscriberCount('invEventsGone000000003'), 0);
  });

  it('answers 404 in the POY error format for an unknown invite', async () => {
    const response = await fetch(`${base}/i/invNobodyHere000000000/events`);
    assert.equal(response.status, 404);
    const body = bodyOf({ body: await response.text() });
    assert.equal(Reflect.get(Object(body.error), 'type'), 'not_found');
  });

  it('closing the app ends open streams instead of waiting for them', async () => {
    const other = await buildPagesApp(fixture, { heartbeatIntervalMs: 60_000 });
    await other.listen({ host: '127.0.0.1', port: 0 });
    const address = other.server.address();
    assert.ok(address !== null && typeof address === 'object');
    const response = await fetch(`http://127.0.0.1:${address.port}/i/invEventsClose00000005/events`);
    const reading = readEventStream(response);
    await waitFor(() => fixture.subscriberCount('invEventsClose00000005') === 1, 'the subscription');
    const started = Date.now();
    await other.close();
    const { events } = await reading;
    assert.equal(events.length, 1);
    assert.ok(Date.now() - started < 2000, 'closed promptly');
    assert.equal(fixture.subscriberCount('invEventsClose00000005'), 0);
  });
});
