// The server the soak test runs: `poy serve` exactly as an operator starts it, plus a memory probe so
// the soak can tell where resident memory goes. Resident memory alone cannot separate a leak in
// JavaScript objects from PGlite's WebAssembly heap (which only ever grows, like a C heap's brk) or
// from Buffers, so every half second this writes process.memoryUsage() and the size of each
// WebAssembly.Memory the process created to SOAK_MEMORY_FILE, and every ten seconds it forces a full
// garbage collection and records the live JS heap (heapUsed between collections mixes live objects with
// garbage, so its slope says little about a leak). With SOAK_HEAP_SNAPSHOT_DIR set,
// SIGUSR2 writes a heap snapshot there (for comparing two points of a run in DevTools).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runCliProcess } from '../apps/server/src/cli.ts';

const PROBE_INTERVAL_MILLISECONDS = 500;
/** A full collection of a ~100 MB heap takes tens of milliseconds: about 1% of the time at this rate. */
const COLLECT_INTERVAL_MILLISECONDS = 10_000;

export interface MemoryProbe {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** Total byte length of every live WebAssembly.Memory (PGlite's Postgres heap). */
  wasmBytes: number;
  /** heapUsed right after the last forced full collection; null before the first. */
  heapLiveBytes: number | null;
}

// Node exposes gc() only behind a flag; setting the flag at run time and reading gc from a new context
// gives the function without changing how the server is started.
setFlagsFromString('--expose-gc');
const collected: unknown = runInNewContext('gc');
let heapLiveBytes: number | null = null;
if (typeof collected === 'function') {
  setInterval(() => {
    collected();
    heapLiveBytes = process.memoryUsage().heapUsed;
  }, COLLECT_INTERVAL_MILLISECONDS).unref();
}

// PGlite creates its WebAssembly.Memory itself; counting instances as they are made is the only way to
// see its size from outside. Weak references, so the probe never keeps a closed instance alive.
const memories: Array<WeakRef<WebAssembly.Memory>> = [];
const OriginalMemory = WebAssembly.Memory;
class CountedMemory extends OriginalMemory {
  constructor(descriptor: WebAssembly.MemoryDescriptor) {
    super(descriptor);
    memories.push(new WeakRef(this));
  }
}
WebAssembly.Memory = CountedMemory;

function readProbe(): MemoryProbe {
  const usage = process.memoryUsage();
  let wasmBytes = 0;
  for (const reference of memories) wasmBytes += reference.deref()?.buffer.byteLength ?? 0;
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    wasmBytes,
    heapLiveBytes,
  };
}

const memoryFile = process.env.SOAK_MEMORY_FILE;
if (memoryFile) {
  setInterval(
    () => writeFileSync(memoryFile, JSON.stringify(readProbe())),
    PROBE_INTERVAL_MILLISECONDS,
  ).unref();
}

const snapshotDirectory = process.env.SOAK_HEAP_SNAPSHOT_DIR;
if (snapshotDirectory) {
  let snapshots = 0;
  process.on('SIGUSR2', () => {
    snapshots += 1;
    const path = writeHeapSnapshot(join(snapshotDirectory, `soak-${snapshots}.heapsnapshot`));
    process.stderr.write(`[soak-server] heap snapshot written to ${path}\n`);
  });
}

await runCliProcess(process.argv.slice(2), process.env);
