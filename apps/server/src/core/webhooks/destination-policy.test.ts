import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, it } from 'node:test';
import {
  checkDestinationUrl,
  createGuardedLookup,
  isBlockedAddress,
  isRefusedAddressLiteral,
} from './destination-policy.ts';

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

  // One table per form: addresses refused, and (where the form can name a public host) one allowed.
  const forms: Array<{ form: string; refused: string[]; allowed: string[] }> = [
    {
      form: 'IPv4 special ranges',
      refused: [
        '0.1.2.3', // 0/8
        '127.0.0.1',
        '10.1.2.3',
        '172.31.255.255',
        '192.168.0.1',
        '169.254.169.254',
        '100.127.255.254', // CGNAT
        '224.0.0.251', // multicast
        '239.255.255.250',
        '255.255.255.255', // broadcast
        '240.0.0.1', // reserved
        '198.18.0.1', // benchmarking
        '198.19.255.254',
        '192.0.2.10', // documentation
        '198.51.100.7',
        '203.0.113.9',
        '192.0.0.8', // IETF protocol assignments
      ],
      allowed: ['8.8.8.8', '198.20.0.1', '100.128.0.1', '172.32.0.1', '11.0.0.1'],
    },
    {
      form: 'IPv6 special ranges',
      refused: [
        '::',
        '::1',
        'fe80::1',
        'febf::1',
        'fc00::1',
        'fdff:ffff::1',
        'ff02::1',
        'ff05::1:3',
        '2001:db8::1', // documentation
        '3fff::1',
        '2001:2::1', // benchmarking
        '100::1', // discard
        'fec0::1', // deprecated site-local
        '4000::1', // outside global unicast
        'fe80::1%eth0',
      ],
      allowed: ['2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e'],
    },
    {
      form: 'IPv4-mapped (::ffff:a.b.c.d)',
      refused: [
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '::ffff:a00:1',
        '::ffff:192.168.1.1',
        '::FFFF:A9FE:A9FE',
      ],
      allowed: ['::ffff:8.8.8.8', '::ffff:808:808'],
    },
    {
      // Deprecated: refused whatever it carries.
      form: 'IPv4-compatible (::a.b.c.d)',
      refused: ['::7f00:1', '::127.0.0.1', '::a00:1', '::10.0.0.1', '::a9fe:a9fe', '::8.8.8.8', '::808:808'],
      allowed: [],
    },
    {
      form: 'IPv4-translated (::ffff:0:a.b.c.d)',
      refused: ['::ffff:0:7f00:1', '::ffff:0:10.0.0.1'],
      allowed: ['::ffff:0:808:808'],
    },
    {
      form: 'NAT64 well-known prefix (64:ff9b::/96)',
      refused: ['64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::c0a8:101'],
      allowed: ['64:ff9b::808:808', '64:ff9b::8.8.4.4'],
    },
    {
      // Local-use NAT64 exists only inside private networks: refused whole.
      form: 'NAT64 local-use prefix (64:ff9b:1::/48)',
      refused: ['64:ff9b:1::7f00:1', '64:ff9b:1::808:808', '64:ff9b:1:ffff::1'],
      allowed: [],
    },
    {
      form: '6to4 (2002::/16, the IPv4 in bits 16-48)',
      refused: ['2002:7f00:1::1', '2002:a00:1::', '2002:a9fe:a9fe:1::1', '2002:c0a8:101::1', '2002::1'],
      allowed: ['2002:808:808::1', '2002:0808:0404:1:2:3:4:5'],
    },
    {
      // 2001:0:server:flags:port:~client. 4136:e378 is 65.54.227.120 (public); f7f7:f7f7 is the
      // complement of 8.8.8.8, 80ff:fffe of 127.0.0.1, f5ff:fffe of 10.0.0.1.
      form: 'Teredo (2001::/32, the client IPv4 XOR ones)',
      refused: [
        '2001:0:4136:e378:8000:63bf:80ff:fffe',
        '2001:0:4136:e378:8000:63bf:f5ff:fffe',
        '2001:0:4136:e378:8000:63bf:5601:5656', // client 169.254.169.169
        '2001:0:a00:1:8000:63bf:f7f7:f7f7', // server 10.0.0.1
        '2001:0:7f00:1:8000:63bf:f7f7:f7f7', // server 127.0.0.1
      ],
      allowed: ['2001:0:4136:e378:8000:63bf:f7f7:f7f7'],
    },
  ];
  for (const { form, refused, allowed } of forms) {
    it(`${form}: refuses ${refused.length} and allows ${allowed.length}`, () => {
      for (const address of refused) assert.equal(isBlockedAddress(address), true, `${address} refused`);
      for (const address of allowed) assert.equal(isBlockedAddress(address), false, `${address} allowed`);
    });
  }

  it('lax IPv4 notations are not addresses here (names were resolved before)', () => {
    for (const address of ['127.1', '0x7f.0.0.1', '017700000001', '2130706433', '', '[::1]']) {
      assert.equal(isBlockedAddress(address), true, address);
    }
  });

  const enforced = { enforce: true, allowedHosts: new Set<string>() };
  const noDns = async (): Promise<LookupAddress[]> => {
    throw new Error('IP literals must not be resolved');
  };

  it('enforced, IPv6 URL literals are judged by the address they carry when saved', async () => {
    for (const url of [
      'http://[::7f00:1]/',
      'http://[::127.0.0.1]/hook',
      'http://[::ffff:127.0.0.1]/',
      'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
      'http://[2002:a9fe:a9fe::1]/',
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
      'http://[64:ff9b:1::808:808]/',
    ]) {
      const check = await checkDestinationUrl(enforced, url, noDns);
      assert.equal(check.ok, false, url);
    }
    for (const url of [
      'https://[2606:4700:4700::1111]/hook',
      'https://[::ffff:8.8.8.8]/',
      'https://[64:ff9b::808:808]/',
      'https://[2002:808:808::1]/',
      'https://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/',
    ]) {
      assert.deepEqual(await checkDestinationUrl(enforced, url, noDns), { ok: true }, url);
    }
  });

  it('enforced, a hostname whose DNS answer is an IPv6 form of a private address is refused when saved', async () => {
    for (const address of ['::7f00:1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1']) {
      const check = await checkDestinationUrl(enforced, 'https://hooks.example.com/', async () => [
        { address, family: 6 },
      ]);
      assert.equal(check.ok, false, address);
    }
  });

  it('at connect time, the guarded lookup drops blocked DNS answers and refuses a host with none left', async () => {
    const answers: Record<string, LookupAddress[]> = {
      'rebound.example': [
        { address: '::7f00:1', family: 6 },
        { address: '2002:a00:1::1', family: 6 },
        { address: '93.184.216.34', family: 4 },
      ],
      'private.example': [
        { address: '::127.0.0.1', family: 6 },
        { address: '64:ff9b::a00:1', family: 6 },
      ],
    };
    const resolve = async (host: string) => answers[host] ?? [];
    const guarded = createGuardedLookup(enforced, resolve);
    const lookupAll = (host: string) =>
      new Promise<{ error: NodeJS.ErrnoException | null; addresses: string | LookupAddress[] }>((done) => {
        guarded(host, { all: true }, (error, addresses) => done({ error, addresses }));
      });
    const rebound = await lookupAll('rebound.example');
    assert.equal(rebound.error, null);
    assert.deepEqual(rebound.addresses, [{ address: '93.184.216.34', family: 4 }]);
    const refused = await lookupAll('private.example');
    assert.equal(refused.error?.code, 'EPOYBLOCKED');
    // Not enforced (development), every answer is kept.
    const open = createGuardedLookup({ enforce: false, allowedHosts: new Set() }, resolve);
    const kept = await new Promise<string | LookupAddress[]>((done) => {
      open('private.example', { all: true }, (_error, addresses) => done(addresses));
    });
    assert.equal(Array.isArray(kept) ? kept.length : 0, 2);
  });
});
