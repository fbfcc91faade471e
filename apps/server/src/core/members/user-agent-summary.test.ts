import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeUserAgent } from './user-agent-summary.ts';

describe('summarizeUserAgent', () => {
  it('names the browser and system, never the raw header', () => {
    assert.equal(
      summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'),
      'Firefox on Linux',
    );
    assert.equal(
      summarizeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      ),
      'Edge on Windows',
    );
    assert.equal(
      summarizeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
      'Safari on iOS',
    );
    assert.equal(summarizeUserAgent('curl/8.0'), '');
    assert.equal(summarizeUserAgent(undefined), '');
  });
});
