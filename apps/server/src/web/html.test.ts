import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html, jsonForScript, messageHtml, safeHttpUrl, trustedHtml } from './html.ts';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const hostile = `<script>alert("x")</script>' onmouseover=\`y\` &amp;`;
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    assert.equal(
      out,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#96;y&#96; &amp;amp;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#96;y&#96; &amp;amp;</p>',
    );
    assert.ok(!out.includes('<script>'));
  });

  it('keeps nested html and trusted markup, and joins arrays', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    assert.equal(html`<ul>${items}</ul>`.value, '<ul><li>a&lt;b</li><li>c</li></ul>');
    assert.equal(html`${trustedHtml('<svg></svg>')}`.value, '<svg></svg>');
  });

  it('renders null, undefined and false as nothing, numbers as text', () => {
    assert.equal(html`[${null}${undefined}${false}${0}${12.5}]`.value, '[012.5]');
  });

  it('escapeHtml leaves plain text alone', () => {
    assert.equal(escapeHtml('Acme Forum – ünïcode'), 'Acme Forum – ünïcode');
  });

  it('jsonForScript cannot close its script element', () => {
    const out = jsonForScript({ name: '</script><script>alert(1)</script>', line: '\u2028' }).value;
    assert.ok(!out.includes('<'), out);
    assert.ok(!out.includes('>'), out);
    assert.deepEqual(JSON.parse(out), { name: '</script><script>alert(1)</script>', line: '\u2028' });
  });

  it('messageHtml escapes the message and inserts markup parameters', () => {
    const out = messageHtml('Open {url} & type <{missing}>', { url: html`<strong>${'a<b'}</strong>` }).value;
    assert.equal(out, 'Open <strong>a&lt;b</strong> &amp; type &lt;{missing}&gt;');
  });

  it('safeHttpUrl keeps http(s) URLs and drops every other scheme', () => {
    assert.equal(
      safeHttpUrl('https://acme.example/back?status=VERIFIED'),
      'https://acme.example/back?status=VERIFIED',
    );
    assert.equal(safeHttpUrl('http://localhost:3000/x'), 'http://localhost:3000/x');
    assert.equal(safeHttpUrl('javascript:alert(1)'), null);
    assert.equal(safeHttpUrl(' JAVASCRIPT:alert(1)'), null);
    assert.equal(safeHttpUrl('data:text/html,<b>x</b>'), null);
    assert.equal(safeHttpUrl('/relative'), null);
    assert.equal(safeHttpUrl(null), null);
  });
});
