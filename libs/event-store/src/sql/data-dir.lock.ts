import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'partnerships.lock';
/** Directories this process holds: a lock with our own pid is ours only if listed here. */
const heldHere = new Set<string>();

/** Another process already holds the embedded database directory. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a whole PostgreSQL inside this process, with nothing that stops a second process from
 * opening the same files: two of them would corrupt the database. A lock file holding our pid
 * refuses the second opener; a lock left by a process that died (SIGKILL) is taken over, also
 * when it carries our own pid (a restarted container is often pid 1 again).
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) {
    throw new DataDirInUseError(`The data directory ${dataDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(`The data directory ${dataDir} is in use by another process (pid ${holder})`);
      }
      unlinkSync(path);
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}`);
}
