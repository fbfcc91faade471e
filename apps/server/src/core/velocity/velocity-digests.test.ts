import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveServerSecrets } from '../secrets.ts';
import {
  createDeviceId,
  deriveVelocityDigests,
  isWellFormedDeviceId,
  networkOf,
} from './velocity-digests.ts';

const deps = { secrets: deriveServerSecrets('a'.repeat(32)) };
const otherDeps = { secrets: deriveServerSecrets('b'.repeat(32)) };
const DEVICE = createDeviceId();

describe('velocity digests', () => {
  it('groups IPv4 by /24 and IPv6 by /48, and treats IPv4-mapped IPv6 as the IPv4 address', () => {
    assert.deepEqual(networkOf('203.0.113.77'), { address: '203.0.113.77', prefix: '203.0.113.0/24' });
    assert.deepEqual(networkOf('::ffff:203.0.113.77'), { address: '203.0.113.77', prefix: '203.0.113.0/24' });
    assert.deepEqual(networkOf('2001:db8:abcd:12::1'), {
      address: '2001:db8:abcd:12:0:0:0:1',
      prefix: '2001:db8:abcd:0:0:0:0:0/48',
    });
    assert.equal(networkOf('not an address'), null);
  });

  it('equal inputs give equal digests; the same network shares only the prefix digest', () => {
    const a = deriveVelocityDigests(deps, { clientIp: '203.0.113.77', deviceId: DEVICE });
    assert.deepEqual(deriveVelocityDigests(deps, { clientIp: '::ffff:203.0.113.77', deviceId: DEVICE }), a);
    const neighbour = deriveVelocityDigests(deps, { clientIp: '203.0.113.8', deviceId: createDeviceId() });
    assert.equal(neighbour.prefixHashHex, a.prefixHashHex);
    assert.notEqual(neighbour.ipHashHex, a.ipHashHex);
    assert.notEqual(neighbour.deviceHashHex, a.deviceHashHex);
    const elsewhere = deriveVelocityDigests(deps, { clientIp: '203.0.114.77', deviceId: DEVICE });
    assert.notEqual(elsewhere.prefixHashHex, a.prefixHashHex);
    assert.equal(elsewhere.deviceHashHex, a.deviceHashHex);
  });

  it('is a 256-bit HMAC, keyed: another server key gives other digests', () => {
    const digests = deriveVelocityDigests(deps, { clientIp: '203.0.113.77', deviceId: DEVICE });
    for (const value of Object.values(digests)) assert.match(value, /^[0-9a-f]{64}$/);
    const other = deriveVelocityDigests(otherDeps, { clientIp: '203.0.113.77', deviceId: DEVICE });
    assert.notEqual(other.ipHashHex, digests.ipHashHex);
    assert.notEqual(other.deviceHashHex, digests.deviceHashHex);
  });

  it('separates the domains: an IP used as a device id does not give the IP digest', () => {
    const asIp = deriveVelocityDigests(deps, { clientIp: '203.0.113.77', deviceId: DEVICE });
    const asDevice = deriveVelocityDigests(deps, { clientIp: '198.51.100.1', deviceId: '203.0.113.77' });
    assert.notEqual(asDevice.deviceHashHex, asIp.ipHashHex);
  });

  it('makes device ids of 32 random bytes and recognises only that form', () => {
    assert.ok(isWellFormedDeviceId(DEVICE));
    assert.notEqual(createDeviceId(), DEVICE);
    for (const bad of ['', 'short', `${DEVICE}x`, `${DEVICE.slice(0, 42)}!`])
      assert.equal(isWellFormedDeviceId(bad), false);
  });
});
