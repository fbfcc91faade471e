import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseInviteView } from './device.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/604.1';
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

describe('chooseInviteView', () => {
  it('shows the check on phones and tablets', () => {
    for (const userAgent of [IPHONE, ANDROID, IPAD])
      assert.equal(chooseInviteView(userAgent, undefined), 'phone');
  });

  it('shows the QR hand-off elsewhere, and without a user agent', () => {
    assert.equal(chooseInviteView(DESKTOP, undefined), 'desktop');
    assert.equal(chooseInviteView(undefined, undefined), 'desktop');
  });

  it('lets ?on= override the user agent, ignoring other values', () => {
    assert.equal(chooseInviteView(DESKTOP, 'phone'), 'phone');
    assert.equal(chooseInviteView(IPHONE, 'desktop'), 'desktop');
    assert.equal(chooseInviteView(IPHONE, 'tv'), 'phone');
    assert.equal(chooseInviteView(DESKTOP, ['phone']), 'desktop');
  });
});
