/**
 * File-system steps the embedded log needs to be crash-safe: writing all of a list of buffers
 * at a position, fsyncing a directory so that a created or renamed entry survives power loss,
 * and replacing a small file atomically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Most buffers handed to one writev, below every platform's IOV_MAX. */
const MAX_IOV = 512;

/** Writes every byte of `buffers` at `position`, looping over short writes. */
export function writeAllSync(fd: number, buffers: readonly Buffer[], position: number): number {
  let written = 0;
  let i = 0;
  let skip = 0;
  while (i < buffers.length) {
    const group: Buffer[] = [];
    for (let j = i; j < buffers.length && group.length < MAX_IOV; j++) {
      const b = j === i ? buffers[j]!.subarray(skip) : buffers[j]!;
      if (b.length > 0) group.push(b);
    }
    if (group.length === 0) break;
    let n = fs.writevSync(fd, group, position + written);
    written += n;
    while (i < buffers.length && n >= buffers[i]!.length - skip) {
      n -= buffers[i]!.length - skip;
      skip = 0;
      i++;
    }
    skip += n;
  }
  return written;
}

/** Makes the entries of a directory (created, renamed or deleted files) durable. */
export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` with `data` so that a crash leaves either the old or the new contents. */
export function writeFileAtomicSync(file: string, data: string | Buffer, durable: boolean): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, data);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  if (durable) fsyncDirSync(path.dirname(file));
}

/** Resolves once `fd`'s data is on stable storage. */
export function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()));
  });
}
