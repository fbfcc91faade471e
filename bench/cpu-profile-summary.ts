// Where a server's CPU time went, from the V8 profiles the bench children write with
// BENCH_CPU_PROFILE_DIR (`node --cpu-prof`): self time grouped by what runs it (a package under
// node_modules, PGlite's WebAssembly, POY's own source, Node's internals, garbage collection, idle),
// then the functions with the most self time.
//   node --import tsx bench/cpu-profile-summary.ts <file.cpuprofile | directory> [--top N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const cpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** The group a frame's self time counts towards. */
export function groupOfFrame(functionName: string, url: string): string {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 and native code (program)';
  if (url.startsWith('wasm://')) return 'WebAssembly (PGlite)';
  const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packagePath !== undefined) return packagePath;
  if (url.startsWith('node:') || url === '') return 'Node.js internals';
  const ownFile = /apps\/server\/(?:src|dist)\/(.+?)(?:\.[jt]s)?$/.exec(url)?.[1];
  if (ownFile !== undefined) return `poy: ${ownFile.split('/').slice(0, -1).join('/') || ownFile}`;
  return url;
}

function profilePaths(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(target, name));
}

function summarise(path: string, top: number): string {
  const profile = cpuProfile.parse(JSON.parse(readFileSync(path, 'utf8')));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(id);
    if (frame === undefined) return;
    total += micros;
    const group = groupOfFrame(frame.functionName, frame.url);
    byGroup.set(group, (byGroup.get(group) ?? 0) + micros);
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*apps\/server\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  const busy = total - (byGroup.get('idle') ?? 0);
  const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
  const rows = (entries: Map<string, number>) =>
    [...entries]
      .filter(([name]) => name !== 'idle' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `  ${share(micros)}  ${name}`)
      .join('\n');
  return [
    `${path}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (shares are of busy time)`,
    'by group:',
    rows(byGroup),
    'by function (self time):',
    rows(byFunction),
  ].join('\n');
}

const [target, ...rest] = process.argv.slice(2);
if (target === undefined) {
  process.stderr.write('usage: bench/cpu-profile-summary.ts <file.cpuprofile | directory> [--top N]\n');
  process.exit(2);
}
const topIndex = rest.indexOf('--top');
const top = topIndex >= 0 ? Number(rest[topIndex + 1] ?? 15) : 15;
for (const path of profilePaths(target)) process.stdout.write(`${summarise(path, top)}\n\n`);
