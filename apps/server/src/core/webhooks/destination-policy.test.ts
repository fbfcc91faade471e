import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDestinationUrl, isBlockedAddress, isRefusedAddressLiteral } from './destination-policy.ts';

describe('destination policy', () => {
  it('allows public IPv4 and IPv6 addresses (and IPv4-mapped public ones)', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(isBlockedAddress(address), false, address);
    }
  });

  it('refuses private, loopback, link-local, CGNAT, multicast and unspecified addresses, also IPv4-mapped', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.5',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::',
      '::1',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.5',
      '::ffff:169.254.169.254',
      '64:ff9b::7f00:1',
      'not-an-address',
    ]) {
      assert.equal(isBlockedAddress(address), true, address);
    }
  });

  it('enforced, a hostname resolving to a public IPv4 address is accepted and one resolving to a private one refused', async () => {
    const policy = { enforce: true, allowedHosts: new Set<string>() };
    const publicHost = await checkDestinationUrl(policy, 'https://hooks.example.com/', async () => [
      { address: '93.184.216.34', family: 4 },
    ]);
    assert.deepEqual(publicHost, { ok: true });
    const rebound = await checkDestinationUrl(policy, 'https://hooks.example.com/', async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ]);
    assert.equal(rebound.ok, false);
  });

  it('refuses a URL naming a blocked address literally (no DNS answer to check), only when enforced', () => {
    const enforced = { enforce: true, allowedHosts: new Set<string>() };
    for (const url of ['http://127.0.0.1:8080/hook', 'https://[::1]/hook', 'http://169.254.169.254/latest']) {
      assert.equal(isRefusedAddressLiteral(url, enforced), true, url);
      assert.equal(
        isRefusedAddressLiteral(url, { enforce: false, allowedHosts: new Set<string>() }),
        false,
        url,
      );
    }
    assert.equal(isRefusedAddressLiteral('https://93.184.216.34/hook', enforced), false, 'public literal');
    // Hostnames are the guarded lookup's to check, when they resolve.
    assert.equal(isRefusedAddressLiteral('https://localhost/hook', enforced), false, 'hostname');
    const allowed = { enforce: true, allowedHosts: new Set(['127.0.0.1', '::1']) };
    assert.equal(isRefusedAddressLiteral('http://127.0.0.1:8080/hook', allowed), false, 'allowed host');
    assert.equal(isRefusedAddressLiteral('https://[::1]/hook', allowed), false, 'allowed IPv6 host');
  });
});
