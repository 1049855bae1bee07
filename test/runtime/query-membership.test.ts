/**
 * A persistent query as a member of its consumer group, without a broker: the embedded log with
 * a consumer group that hands this process tasks 1 and 3 of 4 (as a group of two would). A
 * GROUP BY, a stream-table and a stream-stream join join their groups `spread` and process only
 * their tasks: partitions 1 and 3 of the sources, and of the repartition topic in the aggregate's
 * sub-topology; a foreign-key join cannot be split and joins `whole`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type {
  GroupSubscription,
  Log,
  PartitionListener,
  SubscribeOptions,
  TopicPartition,
} from '../../src/log/log.js';
import { QueryMembership } from '../../src/runtime/query-membership.js';
import { partitionForKey } from '../../src/log/partitioner.js';
import { openTestEngine, removeDir, type TestEngine, useLogBackend } from '../engine/helpers.js';
import { readTopic } from '../log/read-topic.js';

const OWNED = new Set([1, 3]);
const joined: { group: string; topics: readonly string[]; assignment: string }[] = [];

/** The embedded log, with a consumer group that assigns partitions 1 and 3 of every topic. */
function withGroup(log: Log): Log {
  const subscribe: Log['subscribe'] = async (
    group,
    topics,
    listener,
    options?: SubscribeOptions,
  ) => {
    joined.push({ group, topics, assignment: options?.assignment ?? 'spread' });
    const tps: TopicPartition[] = [];
    for (const topic of topics) {
      const partitions = (await log.describeTopic(topic))?.partitions ?? 0;
      for (let p = 0; p < partitions; p++) if (OWNED.has(p)) tps.push({ topic, partition: p });
    }
    await listener.onAssign(tps);
    return {
      group,
      assignment: () => tps,
      reclaim: async () => true,
      close: async () => listener.onRevoke(tps),
    };
  };
  return new Proxy(log, {
    get(target, prop) {
      if (prop === 'subscribe') return subscribe;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
useLogBackend(async (dir) => withGroup(await openEmbeddedLog(dir, { fsync: 'never' })));

let t: TestEngine | undefined;
afterEach(async () => {
  joined.length = 0;
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const intKey = (n: number) => {
  const key = Buffer.alloc(4);
  key.writeInt32BE(n);
  return key;
};

const EARLIEST = `SET 'auto.offset.reset' = 'earliest';`;
const ROWS = 60;
const inserts = () =>
  Array.from(
    { length: ROWS },
    (_, i) => `INSERT INTO src (id, v) VALUES (${i % 20}, 'g${i % 7}');`,
  ).join('\n');

describe('query membership (a group that owns tasks 1 and 3)', () => {
  it('runs a GROUP BY’s tasks 1 and 3 only, the repartition topic’s included', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', partitions=4, value_format='JSON');
CREATE TABLE counts WITH (kafka_topic='counts') AS SELECT v, COUNT(*) AS n FROM src GROUP BY v;
${inserts()}`);
    expect(joined).toEqual([expect.objectContaining({ topics: ['src'], assignment: 'spread' })]);
    // The oracle: a record counts here if its source partition and its group's partition of
    // the repartition topic are both tasks this process owns.
    const expected = new Map<string, number>();
    for (let i = 0; i < ROWS; i++) {
      const group = `g${i % 7}`;
      if (!OWNED.has(partitionForKey(intKey(i % 20), 4))) continue;
      if (!OWNED.has(partitionForKey(Buffer.from(group), 4))) continue;
      expected.set(group, (expected.get(group) ?? 0) + 1);
    }
    const counts = new Map<string, number>();
    for (const r of await readTopic(t.engine.log, 'counts')) {
      counts.set(r.key!.toString(), (JSON.parse(r.value!.toString()) as { N: number }).N);
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(counts).toEqual(expected);
  });

  it('runs a stream-table join’s tasks 1 and 3, both inputs’ partitions', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', partitions=4, value_format='JSON');
CREATE TABLE users (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='users', partitions=4, value_format='JSON');
CREATE STREAM enriched WITH (kafka_topic='enriched') AS
  SELECT s.id AS id, s.v AS v, u.name AS name FROM src s JOIN users u ON s.id = u.id;
${Array.from({ length: 20 }, (_, id) => `INSERT INTO users (id, name) VALUES (${id}, 'u${id}');`).join('\n')}
${inserts()}`);
    expect(joined).toEqual([
      expect.objectContaining({ topics: ['src', 'users'], assignment: 'spread' }),
    ]);
    const ids = (await readTopic(t.engine.log, 'enriched')).map((r) => r.key!.readInt32BE(0));
    const expected = Array.from({ length: ROWS }, (_, i) => i % 20).filter((id) =>
      OWNED.has(partitionForKey(intKey(id), 4)),
    );
    expect(ids.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('runs a stream-stream join’s tasks 1 and 3, both sides’ partitions', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', partitions=4, value_format='JSON');
CREATE STREAM other (id INT KEY, w STRING) WITH (kafka_topic='other', partitions=4, value_format='JSON');
CREATE STREAM pairs WITH (kafka_topic='pairs') AS
  SELECT s.id AS id, s.v AS v, o.w AS w FROM src s JOIN other o WITHIN 1 HOURS ON s.id = o.id;
${Array.from({ length: 20 }, (_, id) => `INSERT INTO other (id, w) VALUES (${id}, 'w${id}');`).join('\n')}
${inserts()}`);
    expect(joined).toEqual([
      expect.objectContaining({ topics: ['src', 'other'], assignment: 'spread' }),
    ]);
    const ids = (await readTopic(t.engine.log, 'pairs')).map((r) => r.key!.readInt32BE(0));
    const expected = Array.from({ length: ROWS }, (_, i) => i % 20).filter((id) =>
      OWNED.has(partitionForKey(intKey(id), 4)),
    );
    expect(ids.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('runs a foreign-key join whole: it cannot be split into tasks', async () => {
    t = await openTestEngine();
    await t.run(`${EARLIEST}
CREATE TABLE orders (id INT PRIMARY KEY, customer INT) WITH (kafka_topic='orders', partitions=4, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=4, value_format='JSON');
CREATE TABLE enriched AS SELECT id, name FROM orders JOIN customers ON customer = cid;`);
    expect(joined).toEqual([expect.objectContaining({ assignment: 'whole' })]);
  });

  it('runs a GROUP BY whole when its repartition topic has more partitions than its source', async () => {
    t = await openTestEngine();
    // Left from when the source had more partitions: partitions 4–7 would have no owner.
    await t.engine.log.createTopic(
      '_confluent-ksql-default_query_CTAS_COUNTS_0-Aggregate-GroupBy-repartition',
      { partitions: 8 },
    );
    await t.run(`${EARLIEST}
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='src', partitions=4, value_format='JSON');
CREATE TABLE counts WITH (kafka_topic='counts') AS SELECT v, COUNT(*) AS n FROM src GROUP BY v;`);
    expect(joined).toEqual([expect.objectContaining({ assignment: 'whole' })]);
  });
});

describe('query membership: a task whose commit failed', () => {
  /** A group that assigns partitions 0 and 1 of `t`, and confirms reclaims as `confirm` says. */
  async function joined(confirm: () => boolean) {
    const reclaimed: number[][] = [];
    let listener: PartitionListener | undefined;
    const subscription: GroupSubscription = {
      group: 'g',
      assignment: () => [],
      reclaim: async (tps) => {
        reclaimed.push(tps.map((tp) => tp.partition));
        return confirm();
      },
      close: async () => undefined,
    };
    const log = {
      subscribe: async (_group: string, topics: readonly string[], l: PartitionListener) => {
        listener = l;
        await l.onAssign(
          topics.flatMap((topic) => [0, 1].map((partition) => ({ topic, partition }))),
        );
        return subscription;
      },
    } as unknown as Log & Required<Pick<Log, 'subscribe'>>;
    const membership = await QueryMembership.join(log, 'g', ['t'], 'spread');
    expect(membership.takeChange()).toBe(true);
    return { membership, reclaimed, revoke: (tps: TopicPartition[]) => listener!.onRevoke(tps) };
  }

  it('is claimed again only once the group confirms it is still this process’s', async () => {
    let confirmed = false;
    const { membership, reclaimed } = await joined(() => confirmed);
    membership.lost(1);
    // Not confirmed (this process may be out of the group): nothing runs, and it is asked again.
    expect(await membership.reclaim()).toBe(false);
    expect(await membership.reclaim()).toBe(false);
    confirmed = true;
    expect(await membership.reclaim()).toBe(true);
    expect(reclaimed).toEqual([[1], [1], [1]]);
    // The restart from the last commit: the tasks owned changed.
    expect(membership.takeChange()).toBe(true);
    expect(await membership.reclaim()).toBe(true);
    expect(reclaimed).toHaveLength(3);
  });

  it('is given up without a claim when the group took it away', async () => {
    const { membership, reclaimed, revoke } = await joined(() => false);
    membership.lost(1);
    expect(await membership.reclaim()).toBe(false);
    await revoke([{ topic: 't', partition: 1 }]);
    expect(await membership.reclaim()).toBe(true);
    expect(reclaimed).toEqual([[1]]);
    expect([...membership.tasks()]).toEqual([0]);
  });
});
