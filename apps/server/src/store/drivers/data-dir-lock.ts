// Two processes on one PGlite data directory both report successful writes while one of them is
// lost. This lock makes the second process fail at start with a clear message instead.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseOpenError, errorCodeOf, firstLineOf } from './database-open-error.ts';

/**
 * Lock files this process holds. A lock file naming our own pid is usually stale (a container that
 * restarted as the same pid, typically 1), but not when we took it ourselves: then it is a second
 * open of a directory this process already uses, which must be refused like any other.
 */
const heldByThisProcess = new Set<string>();

export class DataDirLockedError extends DatabaseOpenError {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is in use by another POY process (pid ${pid}). ` +
        'Stop that process, or point DATA_DIR elsewhere, or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  createDataDir(dataDir);
  const lockPath = resolve(dataDir, 'poy.lock');
  if (heldByThisProcess.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openLockFile(dataDir, lockPath);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldByThisProcess.delete(lockPath);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // A stale lock from a process that died without releasing it.
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}`);
}

/** Creates the directory if missing; a file in its place (or on its path) is an operator's mistake. */
function createDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const what = code === 'EEXIST' ? 'is a file' : 'has a file on its path';
      throw new DatabaseOpenError(
        `DATA_DIR (${dataDir}) ${what}, not a directory: point DATA_DIR at a directory ` +
          '(POY creates it if missing), or set DATABASE_URL to use PostgreSQL.',
        { cause: error },
      );
    }
    throw new DatabaseOpenError(
      `DATA_DIR (${dataDir}) cannot be created (${firstLineOf(error)}): ` +
        'create it with write access for this user, or point DATA_DIR elsewhere.',
      { cause: error },
    );
  }
}

function openLockFile(dataDir: string, lockPath: string): number {
  try {
    return openSync(lockPath, 'wx');
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new DatabaseOpenError(
        `DATA_DIR (${dataDir}) is not writable (${code}): give this user write access to it, ` +
          'or point DATA_DIR elsewhere.',
        { cause: error },
      );
    }
    throw error;
  }
}
