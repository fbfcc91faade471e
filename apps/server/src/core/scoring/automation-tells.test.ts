import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IPHONE_SAFARI } from '../../../test/support/humanness-signals.ts';
import { observeAutomation } from './automation-tells.ts';

const PEOPLES_BROWSERS = {
  iphoneSafari: IPHONE_SAFARI,
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
  desktopFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
};

const TOOLS = {
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36',
  phantomJs:
    'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
  electron:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) my-app/1.0.0 Chrome/124.0.6367.243 Electron/30.1.2 Safari/537.36',
  seleniumSuffix: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0 Selenium',
  curl: 'curl/8.8.0',
  wget: 'Wget/1.24.5',
  pythonRequests: 'python-requests/2.32.3',
  pythonUrllib: 'Python-urllib/3.12',
  aiohttp: 'Python/3.12 aiohttp/3.9.5',
  nodeFetch: 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  undici: 'undici',
  axios: 'axios/1.7.2',
  go: 'Go-http-client/1.1',
  okhttp: 'okhttp/4.12.0',
  java: 'Java/17.0.11',
  libwww: 'libwww-perl/6.77',
  httpie: 'HTTPie/3.2.2',
};

describe('observeAutomation', () => {
  it('sees headless browsers and HTTP tools that announce themselves', () => {
    for (const [name, userAgent] of Object.entries(TOOLS)) {
      assert.equal(observeAutomation({ userAgent }), true, name);
    }
  });

  it('treats a missing or blank user agent as automation: every browser sends one', () => {
    for (const userAgent of [null, '', '   ', '\n\t']) {
      assert.equal(observeAutomation({ userAgent }), true, JSON.stringify(userAgent));
    }
  });

  it('does not flag the browsers people verify with', () => {
    for (const [name, userAgent] of Object.entries(PEOPLES_BROWSERS)) {
      assert.equal(observeAutomation({ userAgent }), false, name);
    }
  });

  it('ignores case and surrounding whitespace', () => {
    assert.equal(observeAutomation({ userAgent: `  ${TOOLS.headlessChrome.toLowerCase()}  ` }), true);
    assert.equal(observeAutomation({ userAgent: `\n${PEOPLES_BROWSERS.androidChrome}\n` }), false);
  });
});
