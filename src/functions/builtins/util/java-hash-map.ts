/**
 * The iteration order of java.util.HashMap, for the maps ksqlDB's functions build (AS_MAP,
 * MAP_UNION, SPLIT_TO_MAP, JSON_RECORDS, TRANSFORM and FILTER on maps): entries go by bucket —
 * the spread hash of the key masked by the table capacity — then by insertion within a bucket.
 * Which capacity a map ends with depends on how it was built, so each way has its function here.
 * Order matters where a map is iterated later: REDUCE over a map folds in this order.
 * Keys whose Java hash is not reproduced (DECIMAL, BYTES, collections) keep insertion order.
 */

/** String, Integer, Long, Double and Boolean hashCode(); null for other keys. */
function javaHashCode(key: unknown): number | null {
  if (key === null) return 0;
  switch (typeof key) {
    case 'string': {
      let h = 0;
      for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0;
      return h;
    }
    case 'number':
      return Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31 ? key : doubleHash(key);
    case 'bigint':
      return Number(BigInt.asIntN(32, key ^ (BigInt.asUintN(64, key) >> 32n)));
    case 'boolean':
      return key ? 1231 : 1237;
    default:
      return null;
  }
}

function doubleHash(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Number.isNaN(value) ? NaN : value);
  return (view.getInt32(0) ^ view.getInt32(4)) | 0;
}

function bucket(key: unknown, capacity: number): number {
  const h = javaHashCode(key);
  if (h === null) return capacity;
  return (h ^ (h >>> 16)) & (capacity - 1);
}

/** A map holding `entries` (already de-duplicated, in insertion order) as HashMap orders them. */
function ordered<K, V>(entries: Iterable<readonly [K, V]>, capacity: number): Map<K, V> {
  const list = [...entries].map(([k, v], i) => ({ k, v, i, b: bucket(k, capacity) }));
  list.sort((a, b) => a.b - b.b || a.i - b.i);
  return new Map(list.map(({ k, v }) => [k, v]));
}

function tableSizeFor(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}

function grown(capacity: number, size: number): number {
  let c = capacity;
  while (size > Math.floor(c * 0.75)) c *= 2;
  return c;
}

/** `new HashMap<>()` then one put per entry (Collectors.toMap too). */
export function defaultHashMap<K, V>(entries: ReadonlyMap<K, V>): Map<K, V> {
  return ordered(entries, grown(16, entries.size));
}

/** `new HashMap<>(initialCapacity)` then one put per entry. */
export function sizedHashMap<K, V>(entries: ReadonlyMap<K, V>, initialCapacity: number): Map<K, V> {
  return ordered(entries, grown(tableSizeFor(initialCapacity), entries.size));
}

/** `new HashMap<>()` then putAll of each map in turn. */
export function putAllHashMap<K, V>(maps: readonly ReadonlyMap<K, V>[]): Map<K, V> {
  const merged = new Map<K, V>();
  let capacity = 0;
  let threshold = 0;
  for (const map of maps) {
    if (map.size === 0) continue;
    if (capacity === 0) {
      threshold = tableSizeFor(Math.floor(map.size / 0.75 + 1));
      capacity = threshold;
      threshold = Math.floor(capacity * 0.75);
    } else {
      while (map.size > threshold) {
        capacity *= 2;
        threshold = Math.floor(capacity * 0.75);
      }
    }
    for (const [k, v] of map) {
      merged.set(k, v);
      if (merged.size > threshold) {
        capacity *= 2;
        threshold = Math.floor(capacity * 0.75);
      }
    }
  }
  return capacity === 0 ? merged : ordered(merged, capacity);
}
