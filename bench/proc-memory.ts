// Resident memory of another process, read from /proc (Linux only). The WebAssembly part is found in
// /proc/<pid>/smaps: V8 reserves each 32-bit WebAssembly.Memory as one large region (about 10 GiB, to
// make bounds checks free) and commits its used front part read-write, so the committed part is an
// anonymous rw-p mapping directly followed by the inaccessible (---p) rest of the reservation. That is
// PGlite's Postgres heap: shared buffers, caches, per-query memory.
import { readFileSync } from 'node:fs';

const KIBIBYTE = 1024;
/** A reservation at least this large (committed plus guard) is taken for a WebAssembly memory. */
const WASM_RESERVATION_BYTES = 8 * 1024 * 1024 * 1024;

/** VmRSS of a process in bytes. */
export function readResidentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) * KIBIBYTE;
}

interface Mapping {
  start: bigint;
  end: bigint;
  permissions: string;
  anonymous: boolean;
  residentBytes: number;
}

function readMappings(pid: number): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (header) {
      const [, start = '0', end = '0', permissions = '', inode = '0', path = ''] = header;
      mappings.push({
        start: BigInt(`0x${start}`),
        end: BigInt(`0x${end}`),
        permissions,
        anonymous: inode === '0' && path === '',
        residentBytes: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB$/.exec(line);
    const current = mappings.at(-1);
    if (rss?.[1] && current) current.residentBytes = Number(rss[1]) * KIBIBYTE;
  }
  return mappings;
}

/** Resident bytes of every WebAssembly memory in the process (see the note at the top). */
export function readWasmResidentBytes(pid: number): number {
  const mappings = readMappings(pid);
  let total = 0;
  mappings.forEach((mapping, index) => {
    const guard = mappings[index + 1];
    if (!guard || !mapping.anonymous || !guard.anonymous) return;
    if (!mapping.permissions.startsWith('rw') || !guard.permissions.startsWith('---')) return;
    if (guard.start !== mapping.end || guard.end - mapping.start < BigInt(WASM_RESERVATION_BYTES)) return;
    total += mapping.residentBytes;
  });
  return total;
}
