/**
 * State stores on disk on Kafka (docs/state-stores.md): a GROUP BY's stores are files under the
 * engine's state directory, their checkpoints the changelogs' Kafka offsets (past the
 * transaction markers). An engine reopened on the same directory resumes from the files and
 * replays nothing it has; a file too old to catch up is rebuilt. When a task moves to another
 * process and comes back, its stale file replays exactly what the other process wrote meanwhile.
 * Counts stay exactly once throughout. Engines run in this process, each on a Kafka log of its
 * own, so that reads of the changelogs can be counted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import { openKafkaLog } from '../../../src/log/kafka/kafka-log.js';
import { serviceLog } from '../../../src/log/kafka/service-log.js';
import type { Log, LogTransaction } from '../../../src/log/log.js';
import { DiskKeyValue } from '../../../src/runtime/state/disk-key-value.js';
import { drain, uniqueNames } from '../contract/subject.js';
import { announceSkip, kafkaTarget } from './broker.js';
import {
  BUILT,
  followArgs,
  intKey,
  type Process,
  Processes,
  recorded,
} from './streamsql-processes.js';

const target = await kafkaTarget();
announceSkip(target, 'test/log/kafka/state-stores.test.ts');
const unique = uniqueNames();
const processes = new Processes();
afterAll(() => processes.cleanUp());

const GROUPS = 17;
const QUERY = 'CTAS_COUNTS_0';

interface Counters {
  /** Changelog records read (restores). */
  read: number;
  /** Changelog records appended in transactions. */
  written: number;
}

const isChangelog = (topic: string) => topic.endsWith('-changelog');

/** `log`, counting what is read from and written to changelog topics. */
function counting(log: Log, counters: Counters): Log {
  return new Proxy(log, {
    get(inner, prop) {
      if (prop === 'read') {
        return async (...args: Parameters<Log['read']>) => {
          const records = await inner.read(...args);
          if (isChangelog(args[0])) counters.read += records.length;
          return records;
        };
      }
      if (prop === 'transaction') {
        return (...args: Parameters<Log['transaction']>): LogTransaction => {
          const tx = inner.transaction(...args);
          return new Proxy(tx, {
            get(t, p) {
              if (p === 'append') {
                return (topic: string, records: Parameters<LogTransaction['append']>[1]) => {
                  if (isChangelog(topic)) counters.written += records.length;
                  t.append(topic, records);
                };
              }
              const v = Reflect.get(t, p, t) as unknown;
              return typeof v === 'function' ? (v as () => unknown).bind(t) : v;
            },
          });
        };
      }
      const v = Reflect.get(inner, prop, inner) as unknown;
      return typeof v === 'function' ? (v as () => unknown).bind(inner) : v;
    },
  });
}

interface Service {
  readonly brokers: string[];
  readonly id: string;
  readonly source: string;
  readonly counts: string;
}

function newService(brokers: string[]): Service {
  return {
    brokers,
    id: unique('disk_'),
    source: unique('disk-src'),
    counts: unique('disk-counts'),
  };
}

const script = (s: Service) => `SET 'auto.offset.reset' = 'earliest';
CREATE STREAM src (id INT KEY, v STRING) WITH (kafka_topic='${s.source}', partitions=4, value_format='JSON');
CREATE TABLE counts WITH (kafka_topic='${s.counts}') AS SELECT v, COUNT(*) AS n FROM src GROUP BY v;`;

async function openEngine(s: Service, stateDir: string, counters: Counters): Promise<Engine> {
  const log = serviceLog(await openKafkaLog({ brokers: s.brokers, serviceId: s.id }), s.id);
  return Engine.open({ log: counting(log, counters), functions: builtinRegistry(), stateDir });
}

/** Appends records `from` … `until − 1` to the source (group of record i: `g${i % GROUPS}`). */
async function feed(log: Log, s: Service, from: number, until: number): Promise<void> {
  const records = [];
  for (let i = from; i < until; i++) {
    records.push({
      key: intKey(i),
      value: Buffer.from(JSON.stringify({ V: `g${i % GROUPS}` })),
      timestamp: Date.now(),
    });
  }
  await log.append(s.source, records);
}

/** Per group, its counts in the sink topic in offset order. */
async function countsSeen(log: Log, s: Service): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const r of (await drain(log, s.counts)).records) {
    const key = r.key!.toString('utf8');
    out.set(key, [...(out.get(key) ?? []), (JSON.parse(r.value!.toString()) as { N: number }).N]);
  }
  return out;
}

function expected(total: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < total; i++) out.set(`g${i % GROUPS}`, (out.get(`g${i % GROUPS}`) ?? 0) + 1);
  return out;
}

/** Waits until the sink holds the counts of the first `total` records. */
async function counted(log: Log, s: Service, total: number): Promise<void> {
  const want = expected(total);
  await processes.until(`the first ${total} records were counted`, async () => {
    const seen = await countsSeen(log, s);
    return [...want].every(([g, n]) => seen.get(g)?.at(-1) === n);
  });
}

/** Every count of the first `total` records emitted exactly once, in order. */
async function expectCountsOnce(log: Log, s: Service, total: number): Promise<void> {
  await counted(log, s, total);
  const seen = await countsSeen(log, s);
  for (const [group, n] of expected(total)) {
    expect(seen.get(group)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  }
}

/** The query's store files under a state directory (one per store and task). */
function storeFiles(stateDir: string): string[] {
  const dir = path.join(stateDir, QUERY);
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
}

interface Checkpoint {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly at?: number;
}

function checkpointOf(file: string): Checkpoint {
  const kv = DiskKeyValue.open(file);
  try {
    return kv.checkpoint<Checkpoint>()!;
  } finally {
    void kv.close();
  }
}

function exited(p: Process): Promise<number | null> {
  if (p.child.exitCode !== null) return Promise.resolve(p.child.exitCode);
  return new Promise((resolve) => p.child.once('exit', (code) => resolve(code)));
}

describe.skipIf(target.skip !== undefined)('state stores on disk on Kafka', () => {
  it('resumes a GROUP BY from its files after a restart; a file too old is rebuilt', async () => {
    const s = newService(target.brokers ?? []);
    const stateDir = fs.mkdtempSync(path.join(processes.dir, 'state-'));
    const raw = await openKafkaLog({ brokers: s.brokers });
    const service = serviceLog(raw, s.id);
    try {
      const first: Counters = { read: 0, written: 0 };
      let engine = await openEngine(s, stateDir, first);
      await engine.executeScript(script(s));
      await feed(raw, s, 0, 600);
      await engine.drain();
      await engine.close();
      await expectCountsOnce(raw, s, 600);

      // One file per task, each current to its changelog partition's end: a Kafka offset, which
      // counts the transactions' markers (more than the records written).
      const files = storeFiles(stateDir);
      expect(files).toHaveLength(4);
      let records = 0;
      for (const file of files) {
        const checkpoint = checkpointOf(file);
        const ends = await service.endOffsets(checkpoint.topic);
        expect(checkpoint.offset).toBe(ends[checkpoint.partition]);
        records += (await drain(service, checkpoint.topic)).records.filter(
          (r) => r.partition === checkpoint.partition,
        ).length;
      }
      expect(records).toBe(first.written);

      // Reopened: the files are current, nothing is replayed; new input is counted on from them.
      const second: Counters = { read: 0, written: 0 };
      engine = await openEngine(s, stateDir, second);
      expect(second.read).toBe(0);
      await feed(raw, s, 600, 900);
      await engine.drain();
      await engine.close();
      await expectCountsOnce(raw, s, 900);

      // A file last caught up longer ago than the changelog keeps deletes for is rebuilt.
      const stale = files[0]!;
      const checkpoint = checkpointOf(stale);
      const kv = DiskKeyValue.open(stale);
      kv.write([['planted', Buffer.from('{}')]], { ...checkpoint, at: 0 });
      await kv.close();
      const third: Counters = { read: 0, written: 0 };
      engine = await openEngine(s, stateDir, third);
      const inPartition = (await drain(service, checkpoint.topic)).records.filter(
        (r) => r.partition === checkpoint.partition,
      );
      expect(third.read).toBe(inPartition.length);
      await engine.close();
      const rebuilt = DiskKeyValue.open(stale);
      try {
        expect(rebuilt.get('planted')).toBeUndefined();
        expect(rebuilt.checkpoint<Checkpoint>()!.offset).toBe(checkpoint.offset);
      } finally {
        await rebuilt.close();
      }
    } finally {
      await raw.close();
    }
  }, 120_000);

  it('catches a task’s stale file up when the task comes back from another process', async () => {
    const s = newService(target.brokers ?? []);
    const group = `_confluent-ksql-${s.id}query_${QUERY}`;
    const raw = await openKafkaLog({ brokers: s.brokers });
    const admin = new Kafka({ brokers: s.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const owners = async () =>
      (await processes.members(admin, group)).map((m) => m[s.source] ?? []);
    const a: Counters = { read: 0, written: 0 };
    const b: Counters = { read: 0, written: 0 };
    const dirA = fs.mkdtempSync(path.join(processes.dir, 'a-'));
    const dirB = fs.mkdtempSync(path.join(processes.dir, 'b-'));
    let stopA = false;
    let stopB = false;
    let engineA: Engine | undefined;
    let engineB: Engine | undefined;
    let runA: Promise<void> | undefined;
    let runB: Promise<void> | undefined;
    try {
      engineA = await openEngine(s, dirA, a);
      await engineA.executeScript(script(s));
      runA = engineA.runUntil(() => stopA);
      await feed(raw, s, 0, 400);
      await counted(raw, s, 400);

      engineB = await openEngine(s, dirB, b);
      runB = engineB.runUntil(() => stopB);
      await processes.until('the two engines share the tasks', async () => {
        const split = await owners();
        return split.length === 2 && split.every((p) => p.length === 2);
      });
      await feed(raw, s, 400, 800);
      await counted(raw, s, 800);
      expect(b.written).toBeGreaterThan(0);

      // B leaves: its tasks come back to A, whose files of them are behind by what B wrote.
      a.read = 0;
      stopB = true;
      await runB;
      await engineB.close();
      engineB = undefined;
      await processes.until('A owns every task again', async () => {
        const split = await owners();
        return split.length === 1 && split[0]!.length === 4;
      });
      await feed(raw, s, 800, 1000);
      await expectCountsOnce(raw, s, 1000);
      // A replayed B's changelog records, and nothing it had in its files already.
      expect(a.read).toBe(b.written);
    } finally {
      stopA = true;
      stopB = true;
      await runA?.catch(() => undefined);
      await runB?.catch(() => undefined);
      await engineA?.close();
      await engineB?.close();
      await admin.disconnect();
      await raw.close();
    }
  }, 180_000);

  it.skipIf(!BUILT)(
    'streamsql keeps them under <data-dir>/state/<service-id>, one process per directory',
    async () => {
      const s = newService(target.brokers ?? []);
      const dataDir = path.join(processes.dir, unique('data'));
      const root = path.join(dataDir, 'state', s.id);
      // A query terminated while this service's processes were down left its directory.
      fs.mkdirSync(path.join(root, 'CTAS_GONE_7'), { recursive: true });
      const args = [...followArgs(s.brokers, s.id), '--data-dir', dataDir];
      const file = processes.script(
        `${s.id}.sql`,
        `${script(s)}\nINSERT INTO src (id, v) VALUES (1, 'a');\nINSERT INTO src (id, v) VALUES (2, 'a');\n`,
      );
      const server = processes.spawn(['run', file, ...args]);
      await processes.until('the query runs', async () => recorded(server, QUERY));
      const raw = await openKafkaLog({ brokers: s.brokers });
      await processes.until('both records were counted', async () => {
        const seen = await countsSeen(raw, s);
        return seen.get('a')?.at(-1) === 2;
      });
      expect(fs.existsSync(path.join(root, 'CTAS_GONE_7'))).toBe(false);
      expect(fs.readFileSync(path.join(root, 'LOCK'), 'utf8').trim()).toBe(
        String(server.child.pid),
      );
      // A second process on the same directory keeps its stores in memory, and says so.
      const second = processes.spawn(['run', processes.emptyScript, ...args.slice(1)]);
      expect(await exited(second)).toBe(0);
      expect(second.output.join('')).toMatch(/state stores are kept in memory: .*--data-dir/);
      server.child.kill('SIGTERM');
      expect(await exited(server)).toBe(0);
      expect(fs.existsSync(path.join(root, 'LOCK'))).toBe(false);
      // Stopped cleanly: each file is current to its changelog's end.
      const stores = storeFiles(root);
      expect(stores).toHaveLength(4);
      const service = serviceLog(raw, s.id);
      try {
        for (const store of stores) {
          const checkpoint = checkpointOf(store);
          const ends = await service.endOffsets(checkpoint.topic);
          expect(checkpoint.offset).toBe(ends[checkpoint.partition]);
        }
      } finally {
        await raw.close();
      }
    },
    120_000,
  );
});
