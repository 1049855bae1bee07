/**
 * The order a `java.util.HashMap<String, …>` iterates its entries in. ksqlDB's JSON deserializer
 * reads a MAP column into `new HashMap<>(size)`, and what a query does with the map afterwards
 * (REDUCE and TRANSFORM over it, MAP_KEYS, a user function taking its first value) sees its entries
 * in that order, not in the order of the JSON text. A map read here is therefore built in that
 * order too.
 *
 * HashMap keeps a table of 2^k buckets, the smallest that holds `size` entries at its 0.75 load
 * factor starting from `tableSizeFor(initialCapacity)`; an entry's bucket is its spread
 * `String.hashCode()` masked to the table, and a bucket lists its entries in insertion order (a
 * resize splits buckets without reordering them). Not modelled: buckets of 8 or more colliding
 * keys in tables of 64 or more, which Java turns into trees that link new entries differently.
 */

/** Java's `String.hashCode()`, over UTF-16 code units as Java's strings are. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The entries in the order `new HashMap<>(initialCapacity)` filled with them iterates. */
export function javaHashMapOrder<V>(
  entries: readonly (readonly [string, V])[],
  initialCapacity = entries.length,
): (readonly [string, V])[] {
  if (entries.length < 2) return [...entries];
  let capacity = tableSizeFor(initialCapacity);
  while (entries.length > Math.floor(capacity * 0.75)) capacity *= 2;
  const mask = capacity - 1;
  const buckets = entries.map(([key], index) => {
    const h = javaStringHash(key);
    return { bucket: (h ^ (h >>> 16)) & mask, index };
  });
  // Array.prototype.sort is stable: a bucket's entries stay in insertion order.
  buckets.sort((a, b) => a.bucket - b.bucket);
  return buckets.map(({ index }) => entries[index]!);
}

/** HashMap.tableSizeFor: the least power of two ≥ n (1 for n ≤ 1). */
function tableSizeFor(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
