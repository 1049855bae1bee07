/**
 * Repartition topics and per-partition tasks on the embedded log: a GROUP BY on a non-key column
 * and a join on a non-key column write ksqlDB's internal topics, partitioned by murmur2 of the
 * new key; each task keeps its store on its own changelog partition; a restart resumes from
 * both without losing or repeating a record; EXPLAIN shows the sub-topologies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatementResult } from '../../src/engine/results.js';
import { partitionForKey } from '../../src/log/partitioner.js';
import type { LogRecord } from '../../src/log/log.js';
import { openTestEngine, removeDir, type TestEngine } from './helpers.js';
import { readTopic } from '../log/read-topic.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const GROUP = '_confluent-ksql-default_query_';
const text = (r: StatementResult | undefined): string => (r?.kind === 'text' ? r.text : '');

/** The last count per key in the sink: KAFKA string keys, JSON values. */
function lastCounts(records: readonly LogRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    const value = JSON.parse(r.value!.toString('utf8')) as { N: number };
    out.set(r.key!.toString('utf8'), value.N);
  }
  return out;
}

const SETUP = `
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM pv (id INT KEY, page STRING) WITH (kafka_topic='pv', partitions=4, value_format='JSON');
CREATE TABLE counts AS SELECT page, COUNT(*) AS n FROM pv GROUP BY page;`;

function inserts(from: number, to: number): string {
  const rows: string[] = [];
  for (let i = from; i < to; i++)
    rows.push(`INSERT INTO pv (id, page) VALUES (${i}, 'p${i % 7}');`);
  return rows.join('\n');
}

function expectedCounts(to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < to; i++) out.set(`p${i % 7}`, (out.get(`p${i % 7}`) ?? 0) + 1);
  return out;
}

describe('repartition topics', () => {
  it('GROUP BY a value column writes Aggregate-GroupBy-repartition, partitioned by the new key', async () => {
    t = await openTestEngine();
    await t.run(SETUP + inserts(0, 40));
    const log = t.engine.log;
    const topic = `${GROUP}CTAS_COUNTS_0-Aggregate-GroupBy-repartition`;
    const info = await log.describeTopic(topic);
    expect(info?.partitions).toBe(4);
    const records = await readTopic(log, topic);
    expect(records).toHaveLength(40);
    for (const r of records) expect(r.partition).toBe(partitionForKey(r.key!, 4));
    // More than one partition is in use, so more than one task ran.
    expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1);
    const changelog = await log.describeTopic(
      `${GROUP}CTAS_COUNTS_0-Aggregate-Aggregate-Materialize-changelog`,
    );
    expect(changelog?.partitions).toBe(4);
    const [explain] = await t.engine.executeScript('EXPLAIN CTAS_COUNTS_0;');
    expect(text(explain)).toContain(
      `Aggregate-Materialize (changelog: ${GROUP}CTAS_COUNTS_0-Aggregate-Aggregate-Materialize-changelog) | sub-topology 1, 4 tasks, one store each`,
    );
    expect(lastCounts(await readTopic(log, 'COUNTS'))).toEqual(expectedCounts(40));
  });

  it('a GROUP BY on the key writes no repartition topic', async () => {
    t = await openTestEngine();
    await t.run(`
CREATE STREAM s (k STRING KEY, v INT) WITH (kafka_topic='s', partitions=2, value_format='JSON');
CREATE TABLE byKey AS SELECT k, COUNT(*) AS n FROM s GROUP BY k;`);
    const topics = (await t.engine.log.listTopics()).map((x) => x.name);
    expect(topics.filter((n) => n.endsWith('-repartition'))).toEqual([]);
  });

  it('a stream-table join on a stream value column re-keys the stream through Join-repartition', async () => {
    t = await openTestEngine();
    await t.run(`
SET 'auto.offset.reset' = 'earliest';
CREATE TABLE users (uid INT PRIMARY KEY, name STRING) WITH (kafka_topic='users', partitions=3, value_format='JSON');
CREATE STREAM clicks (id INT KEY, uid INT) WITH (kafka_topic='clicks', partitions=3, value_format='JSON');
CREATE STREAM named AS SELECT c.uid AS uid, u.name AS name FROM clicks c JOIN users u ON c.uid = u.uid;
INSERT INTO users (uid, name) VALUES (1, 'ann');
INSERT INTO users (uid, name) VALUES (2, 'bob');
INSERT INTO users (uid, name) VALUES (3, 'cid');
INSERT INTO clicks (id, uid) VALUES (10, 1);
INSERT INTO clicks (id, uid) VALUES (11, 2);
INSERT INTO clicks (id, uid) VALUES (12, 3);
INSERT INTO clicks (id, uid) VALUES (13, 1);`);
    const log = t.engine.log;
    const topic = `${GROUP}CSAS_NAMED_0-Join-repartition`;
    expect((await log.describeTopic(topic))?.partitions).toBe(3);
    for (const r of await readTopic(log, topic))
      expect(r.partition).toBe(partitionForKey(r.key!, 3));
    const joined = (await readTopic(log, 'NAMED')).map(
      (r) => (JSON.parse(r.value!.toString('utf8')) as { NAME: string }).NAME,
    );
    expect(joined.sort()).toEqual(['ann', 'ann', 'bob', 'cid']);
    const [explain] = await t.engine.executeScript('EXPLAIN CSAS_NAMED_0;');
    expect(text(explain)).toContain(`[ REPARTITION ] Join BY UID (topic: ${topic}`);
    expect(text(explain)).toContain(`Sub-topology 0: reads clicks | writes ${topic} | 3 tasks`);
    expect(text(explain)).toContain(
      `Sub-topology 1: reads ${topic}, users | writes NAMED | 3 tasks`,
    );
    expect(text(explain)).not.toContain('REKEY');
    const [describe] = await t.engine.executeScript('DESCRIBE named EXTENDED;');
    expect(text(describe)).toContain('Repartition topics of CSAS_NAMED_0:');
    expect(text(describe)).toContain(
      `> ${topic} (3 partitions, key format: KAFKA, value format: JSON)`,
    );
  });

  it('resumes after a restart from the repartition topic and each task’s changelog partition', async () => {
    t = await openTestEngine();
    await t.run(SETUP + inserts(0, 30));
    const dir = t.dir;
    await t.close();
    t = await openTestEngine(dir);
    await t.run(inserts(30, 60));
    const records = await readTopic(t.engine.log, 'COUNTS');
    expect(lastCounts(records)).toEqual(expectedCounts(60));
    // Each key's counts are 1, 2, 3, … with none repeated or skipped across the restart.
    const seen = new Map<string, number[]>();
    for (const r of records) {
      const key = r.key!.toString('utf8');
      seen.set(key, [
        ...(seen.get(key) ?? []),
        (JSON.parse(r.value!.toString()) as { N: number }).N,
      ]);
    }
    for (const counts of seen.values()) expect(counts).toEqual(counts.map((_c, i) => i + 1));
  });
});
