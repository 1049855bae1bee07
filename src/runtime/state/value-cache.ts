/**
 * A bounded map from store keys to decoded values (null: known to be absent), so that reads of
 * recently used keys skip the file and the decoding. Two generations instead of an LRU list: new
 * and used entries go to the young map; when it is full it becomes the old map and the previous
 * old map is dropped, so whatever was not used for a generation goes. A hit in the young map is
 * one Map lookup, with no reordering, and the cache never holds more than `capacity` entries.
 */
export class ValueCache<V> {
  private young = new Map<string, V | null>();
  private old = new Map<string, V | null>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.ceil(capacity / 2));
  }

  /** The cached value (null: absent from the store), or undefined if the key is not cached. */
  get(key: string): V | null | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.add(key, old);
    return old;
  }

  /** Caches the value of `key` (null: absent), replacing what was cached. */
  set(key: string, value: V | null): void {
    // The young map is looked at first: a stale entry of the old one is shadowed until dropped.
    this.add(key, value);
  }

  delete(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** How many entries are cached (a key in both generations counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  private add(key: string, value: V | null): void {
    if (this.young.size >= this.generation && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
