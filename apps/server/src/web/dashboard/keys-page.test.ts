import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiKey } from '../../store/store.ts';
import { createTranslator } from '../i18n/translate.ts';
import { type KeysPageInput, renderKeysPage } from './keys-page.ts';

const KEY: ApiKey = {
  id: 'key_1',
  projectId: 'proj_1',
  mode: 'test',
  name: '<b>Checkout</b>',
  displayPrefix: 'poy_test_ab12',
  createdAt: new Date('2031-01-02T03:04:00Z'),
  lastUsedAt: null,
  revokedAt: null,
  createdBy: 'mem_1',
};

function input(overrides: Partial<KeysPageInput> = {}): KeysPageInput {
  return {
    translator: createTranslator(),
    viewer: { displayName: 'Ada', accountName: 'Acme', role: 'owner', csrfToken: 'tok' },
    projects: [{ id: 'proj_1', name: 'Shop' }],
    project: { id: 'proj_1', name: 'Shop' },
    mode: 'test',
    keys: [{ apiKey: KEY, creator: { kind: 'member', displayName: 'Grace <i>' } }],
    canCreate: true,
    canRevoke: true,
    created: null,
    revoked: null,
    nameError: null,
    ...overrides,
  };
}

describe('keys page', () => {
  it('lists keys with escaped names and creators, a row header, and a confirmed revoke form', () => {
    const page = renderKeysPage(input()).value;
    assert.ok(page.includes('<th scope="row">&lt;b&gt;Checkout&lt;/b&gt;</th>'));
    assert.ok(page.includes('<td>Grace &lt;i&gt;</td>'));
    assert.ok(page.includes('<code>poy_test_ab12…</code>'));
    assert.ok(page.includes('<time datetime="2031-01-02T03:04:00.000Z">2031-01-02 03:04 UTC</time>'));
    assert.match(
      page,
      /<form class="dash-inline-form" method="post" action="\/dashboard\/p\/proj_1\/test\/keys\/key_1\/revoke" data-confirm="Revoke the key “&lt;b&gt;Checkout&lt;\/b&gt;”\? [^"]*"><input type="hidden" name="_csrf" value="tok">/,
    );
    assert.ok(page.includes('<th scope="col">Actions</th>'));
    assert.ok(page.includes('Create key</button>'));
  });

  it('renders neither the create form nor revoke buttons (nor their column) for a role without them', () => {
    const page = renderKeysPage(input({ canCreate: false, canRevoke: false })).value;
    assert.ok(!page.includes('/revoke'));
    assert.ok(!page.includes('Create key</button>'));
    assert.ok(!page.includes('>Actions</th>'));
  });

  it('shows a new key once in the reveal box, escaped, with a copy button hidden until the script runs', () => {
    const page = renderKeysPage(input({ created: { apiKey: KEY, secret: 'poy_test_<secret>' } })).value;
    assert.ok(page.includes('<code id="new-key">poy_test_&lt;secret&gt;</code>'));
    assert.ok(page.includes('data-copy="#new-key" data-copied-label="Copied" hidden>Copy key</button>'));
    assert.ok(page.includes('This is the only time the full key is shown.'));
    assert.ok(!renderKeysPage(input()).value.includes('new-key'));
  });

  it('says a revoked key is revoked in words, not only by colour, and offers no revoke for it', () => {
    const revokedKey = { ...KEY, revokedAt: new Date('2031-02-01T00:00:00Z') };
    const page = renderKeysPage(input({ keys: [{ apiKey: revokedKey, creator: { kind: 'cli' } }] })).value;
    assert.ok(page.includes('>Revoked 2031-02-01 00:00 UTC</span>'));
    assert.ok(page.includes('<td>Command line</td>'));
    assert.ok(!page.includes('key_1/revoke'));
  });

  it('marks the name field after a refused create, keeping what was typed', () => {
    const page = renderKeysPage(input({ nameError: { value: '"x' } })).value;
    assert.match(
      page,
      /id="key-name"[^>]* aria-describedby="key-name-error key-name-hint" value="&quot;x" aria-invalid="true"/,
    );
    assert.ok(page.includes('role="alert"'));
  });
});
