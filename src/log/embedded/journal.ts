/**
 * The write-ahead journal, `<dataDir>/journal`: commits are appended here and made durable
 * before they are applied to segments and the offsets store. A checkpoint (segments and offsets
 * made durable elsewhere) empties it; recovery replays what it still holds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fdatasync, fsyncDirSync, writeAllSync } from './fs-util.js';
import { decodeEntries, type DecodedJournal } from './journal-entry.js';

export class Journal {
  /** Set when a failed append could not be cut back: the journal must not be written again. */
  broken = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private bytes: number,
  ) {}

  /** Opens the journal, creating it (durably, when `durable`) if there is none. */
  static open(file: string, durable: boolean): Journal {
    const exists = fs.existsSync(file);
    const fd = fs.openSync(file, exists ? 'r+' : 'w+');
    if (!exists && durable) fsyncDirSync(path.dirname(file));
    return new Journal(file, fd, fs.fstatSync(fd).size);
  }

  /** Bytes in the journal, i.e. written since the last checkpoint. */
  get size(): number {
    return this.bytes;
  }

  /** The entries of the valid prefix; a torn or corrupt tail is cut off the file. */
  recover(): DecodedJournal {
    const buf = this.bytes > 0 ? fs.readFileSync(this.file) : Buffer.alloc(0);
    const decoded = decodeEntries(buf);
    if (decoded.validBytes < buf.length) {
      fs.ftruncateSync(this.fd, decoded.validBytes);
      this.bytes = decoded.validBytes;
    }
    return decoded;
  }

  /**
   * Appends encoded entries. On failure the journal is cut back to where it was, so a partial
   * write never hides the entries after it; if even that fails, the journal is `broken`.
   */
  append(buffers: readonly Buffer[]): void {
    const at = this.bytes;
    try {
      this.bytes += writeAllSync(this.fd, buffers, at);
    } catch (err) {
      try {
        fs.ftruncateSync(this.fd, at);
        this.bytes = at;
      } catch {
        this.broken = true;
      }
      throw err;
    }
  }

  sync(): Promise<void> {
    return fdatasync(this.fd);
  }

  /** Empties the journal (after a checkpoint). */
  reset(durable: boolean): void {
    fs.ftruncateSync(this.fd, 0);
    if (durable) fs.fsyncSync(this.fd);
    this.bytes = 0;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
