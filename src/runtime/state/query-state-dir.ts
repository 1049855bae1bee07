/**
 * A persistent query's state directory, `<state-dir>/<query-id>/`: one store file (an LMDB
 * environment, disk-key-value.ts) per state store and task partition, named after the store's
 * changelog topic and partition. The directory is a cache of the changelog topics: it may be
 * deleted at any time, and the stores are then rebuilt from their changelogs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DiskKeyValue } from './disk-key-value.js';

/** What a store file is opened with, so that the directory can close it. */
export interface OpenStore {
  readonly file: DiskKeyValue;
  /** Writes what the store has committed but not yet written, before the file closes. */
  flush(): void;
}

export class QueryStateDir {
  private readonly open = new Map<string, OpenStore>();

  constructor(
    readonly dir: string,
    /** Store names start with the query's internal topic prefix, which the file names omit. */
    private readonly prefix = '',
  ) {}

  /** The directory of a query under a state directory root. */
  static of(root: string, queryId: string): QueryStateDir {
    return new QueryStateDir(path.join(root, fileName(queryId)), `query_${queryId}-`);
  }

  /**
   * Opens the file of the store named `name`; `attach` makes the store that keeps it. A store
   * of the same name that is still open (operators built again) is flushed and closed first.
   */
  async openStore<S extends OpenStore>(
    name: string,
    attach: (file: DiskKeyValue) => S,
  ): Promise<S> {
    const previous = this.open.get(name);
    if (previous) {
      this.open.delete(name);
      previous.flush();
      await previous.file.close();
    }
    const store = attach(DiskKeyValue.open(this.pathOf(name)));
    this.open.set(name, store);
    return store;
  }

  /** Closes the file of the store named `name`, if open, and deletes it. */
  async removeStore(name: string): Promise<void> {
    const store = this.open.get(name);
    this.open.delete(name);
    if (store) await store.file.close();
    fs.rmSync(this.pathOf(name), { recursive: true, force: true });
  }

  private pathOf(name: string): string {
    const at = this.prefix === '' ? -1 : name.indexOf(this.prefix);
    const file = at < 0 ? name : name.slice(at + this.prefix.length);
    return path.join(this.dir, fileName(file));
  }

  /** Flushes and closes every store file (the engine closes). */
  async close(): Promise<void> {
    const stores = [...this.open.values()];
    this.open.clear();
    for (const s of stores) {
      try {
        s.flush();
      } finally {
        await s.file.close();
      }
    }
  }

  /** Closes the files and deletes the directory (the query is terminated or its table dropped). */
  async remove(): Promise<void> {
    const stores = [...this.open.values()];
    this.open.clear();
    for (const s of stores) await s.file.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A name safe as a file name: other characters become '_'. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
