// `npm run bench:sdk`: the SDK's offline stamp check (`verifyStampOffline`, from the built package as
// installed: `@poyverify/sdk`) as a ratio of the floor it cannot beat, node:crypto `verify` with a key
// imported once, measured in the same process. Absolute rates on this shared machine move with other
// load, so the two are interleaved (baseline, SDK, SDK, baseline, …) in short rounds and each figure is
// the median over rounds. Each round is timed twice: on the wall clock, and in this process's CPU time
// (user + system), which other processes' load disturbs far less; both ratios are reported. Options: --rounds <n> (default 16), --round-ms <ms> (default 500).
import { createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type OfflineStamp, stampStatementBytes, verifyStampOffline } from '@poyverify/sdk';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '16' }, 'round-ms': { type: 'string', default: '500' } },
});
const rounds = Number(values.rounds);
const roundMs = Number(values['round-ms']);

const KID = 'poy-stamp-20260407-b0b0b0b0b0b0';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = publicKey.export({ format: 'jwk' });
const jwks = { keys: [{ ...jwk, kid: KID, alg: 'ES256', use: 'sig' }] };

const fields = {
  stampId: 'stmp_00000000b0b0',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T10:00:00.000Z',
  keyId: KID,
  contentType: 'article',
  contentHash: `sha256:${'ab'.repeat(32)}`,
};
const signed = stampStatementBytes({ ...fields, mode: 'live' });
if (signed === null) throw new Error('the bench stamp is not a valid statement');
const signature = sign('sha256', signed, { key: privateKey, dsaEncoding: 'ieee-p1363' });
const stamp: OfflineStamp = {
  ...fields,
  format: 'poy-stamp/v1',
  signature: `ecdsa:${signature.toString('base64url')}`,
};

// The baseline: what an application would do with node:crypto alone and a key it keeps.
const cachedKey: KeyObject = createPublicKey({ key: jwk, format: 'jwk' });
const verifyKey = { key: cachedKey, dsaEncoding: 'ieee-p1363' as const };

/** Verifications per second of wall time and per second of this process's CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function measure(run: () => Promise<boolean> | boolean): Promise<Rate> {
  let count = 0;
  const started = performance.now();
  const startedCpu = cpuMs();
  const until = started + roundMs;
  while (performance.now() < until) {
    // Batches keep the clock reads out of the measured cost.
    for (let index = 0; index < 50; index += 1) {
      if (!(await run())) throw new Error('a valid stamp did not verify');
    }
    count += 50;
  }
  const wall = performance.now() - started;
  const cpu = cpuMs() - startedCpu;
  return { wall: (count * 1000) / wall, cpu: (count * 1000) / cpu };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 0 ? (lower + upper) / 2 : upper;
}

const runBaseline = () => verify('sha256', signed, verifyKey, signature);
const runSdk = async () => (await verifyStampOffline(stamp, jwks)).valid;

// Warm-up: JIT both paths and let the SDK import its key once.
await measure(runBaseline);
await measure(runSdk);

const baseline: Rate[] = [];
const sdk: Rate[] = [];
for (let round = 0; round < rounds; round += 1) {
  // Which goes first alternates, so neither always runs in the other's wake (GC, caches, clock drift).
  if (round % 2 === 0) {
    baseline.push(await measure(runBaseline));
    sdk.push(await measure(runSdk));
  } else {
    sdk.push(await measure(runSdk));
    baseline.push(await measure(runBaseline));
  }
}
const ratios = (clock: keyof Rate) =>
  sdk.map((ours, round) => ours[clock] / (baseline[round]?.[clock] ?? Number.NaN));
const of = (rates: Rate[], clock: keyof Rate) => median(rates.map((rate) => rate[clock]));

const format = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
process.stdout.write(
  [
    `SDK verifyStampOffline vs node:crypto verify with a cached key (${rounds} interleaved rounds of ${roundMs} ms, medians)`,
    '                                        wall clock    CPU time',
    `  node:crypto verify (cached KeyObject): ${format(of(baseline, 'wall')).padEnd(13)} ${format(of(baseline, 'cpu'))}`,
    `  SDK verifyStampOffline:                ${format(of(sdk, 'wall')).padEnd(13)} ${format(of(sdk, 'cpu'))}`,
    `  ratio (median of per-round ratios):    ${`${median(ratios('wall')).toFixed(2)}×`.padEnd(13)} ${median(ratios('cpu')).toFixed(2)}×`,
    '',
  ].join('\n'),
);
