/**
 * The bench's data, the same bytes on every run: pageview-like JSON records of about 200 bytes
 * keyed by user, a 10,000-user table for the join, and a 1M-key profile table. A seeded PRNG
 * (mulberry32) makes every generator deterministic, so the naive loop, the engine and Kafka
 * Streams see identical records.
 */

/** One record as it goes on a topic: KAFKA-format string key, JSON value, event time. */
export interface BenchRecord {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly timestamp: number;
}

export const SEED = 20261125;
/** Users that view pages; every one of them is in the users table (the join always matches). */
export const USERS = 10_000;
/** 2024-01-01T00:00:00Z: pageview times start here; the users table is written a day before. */
export const START_MS = 1_704_067_200_000;
export const TUMBLE_MS = 60_000;

const REGIONS = [
  'us-east',
  'us-west',
  'eu-central',
  'eu-west',
  'ap-south',
  'ap-northeast',
  'sa-east',
];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 304, 404, 500];

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function userId(n: number): string {
  return `User_${n}`;
}

/** `count` pageviews, in event-time order. */
export function* pageviews(count: number): Generator<BenchRecord> {
  const rand = prng(SEED);
  let ts = START_MS;
  for (let i = 0; i < count; i++) {
    ts += Math.floor(rand() * 20);
    const user = userId(Math.floor(rand() * USERS));
    const page = Math.floor(rand() * 5000);
    const value = {
      viewtime: ts,
      user_id: user,
      page_id: `Page_${page}`,
      url: `/catalog/item/${page}?ref=${Math.floor(rand() * 1e6).toString(36)}`,
      referrer: `https://search.example.org/?q=${Math.floor(rand() * 1e9).toString(36)}`,
      region: REGIONS[Math.floor(rand() * REGIONS.length)]!,
      duration_ms: Math.floor(rand() * 5000),
      status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
    };
    yield { key: Buffer.from(user), value: Buffer.from(JSON.stringify(value)), timestamp: ts };
  }
}

/** The users table for the join: one record per user, a day before the first pageview. */
export function users(): BenchRecord[] {
  const rand = prng(SEED + 1);
  const out: BenchRecord[] = [];
  for (let i = 0; i < USERS; i++) {
    const id = userId(i);
    const value = {
      user_id: id,
      name: `Name ${Math.floor(rand() * 1e9).toString(36)}`,
      region: REGIONS[Math.floor(rand() * REGIONS.length)]!,
      level: Math.floor(rand() * 10),
    };
    out.push({
      key: Buffer.from(id),
      value: Buffer.from(JSON.stringify(value)),
      timestamp: START_MS - 86_400_000 + i,
    });
  }
  return out;
}

/** The records of the 1M-key profile topic: every key once. */
export function* profiles(count: number): Generator<BenchRecord> {
  const rand = prng(SEED + 2);
  for (let i = 0; i < count; i++) {
    const id = `Profile_${i}`;
    const value = {
      profile_id: id,
      region: REGIONS[Math.floor(rand() * REGIONS.length)]!,
      level: Math.floor(rand() * 100),
    };
    yield {
      key: Buffer.from(id),
      value: Buffer.from(JSON.stringify(value)),
      timestamp: START_MS + i,
    };
  }
}
