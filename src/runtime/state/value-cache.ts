/**
 * A bounded map from store keys to decoded values, so that reads of recently used keys skip the
 * file and the decoding. Two generations instead of an LRU list: new and used entries go to the
 * young map; when it is full it becomes the old map and the previous old map is dropped, so
 * whatever was not used for a generation goes. A hit in the young map is one Map lookup, with no
 * reordering, and the cache never holds more than `capacity` entries.
 */
export class ValueCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.ceil(capacity / 2));
  }

  /** The cached value, or undefined if the key is not cached. */
  get(key: string): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.add(key, old);
    return old;
  }

  /** Caches the value of `key`, replacing what was cached. */
  set(key: string, value: V): void {
    this.add(key, value);
  }

  /** Replaces the value of `key` if it is cached; adds nothing. */
  update(key: string, value: V): void {
    if (this.young.has(key)) this.young.set(key, value);
    // The young map is looked at first: only a key it lacks is cached in the old one.
    else if (this.old.has(key)) this.old.set(key, value);
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

  private add(key: string, value: V): void {
    if (this.young.size >= this.generation && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    // A stale value of the key in the old map is shadowed by this one, and dropped with it.
    this.young.set(key, value);
  }
}
