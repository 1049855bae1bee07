/**
 * Foreign-key joins as Kafka Streams runs them, on the embedded log: the left table's tasks and
 * the right table's tasks are apart (different partition counts), joined by the subscription
 * and response topics; results follow every change of either table, and survive a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatementResult } from '../../src/engine/results.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { partitionForKey } from '../../src/log/partitioner.js';
import type { PlanNode } from '../../src/planner/plan.js';
import { buildTopology } from '../../src/runtime/topology.js';
import { openTestEngine, removeDir, type TestEngine } from '../engine/helpers.js';
import { readTopic } from '../log/read-topic.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const GROUP = '_confluent-ksql-default_query_CTAS_ENRICHED_0';
const REGISTRATION = `${GROUP}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic`;
const RESPONSE = `${GROUP}-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic`;

const SETUP = `SET 'auto.offset.reset' = 'earliest';
CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount INT) WITH (kafka_topic='orders', partitions=2, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=3, value_format='JSON');
CREATE TABLE enriched AS SELECT id, name, amount FROM orders LEFT JOIN customers ON customer = cid;
`;

const text = (r: StatementResult | undefined): string => (r?.kind === 'text' ? r.text : '');

async function pull(): Promise<unknown[][]> {
  const [result] = await t!.engine.executeScript('SELECT * FROM enriched;');
  if (result?.kind !== 'table') throw new Error(`not a pull result: ${result?.kind}`);
  return [...(result.rows as unknown[][])].sort((a, b) => (a[0] as number) - (b[0] as number));
}

const orders = (from: number, to: number, customer: (i: number) => number): string =>
  Array.from(
    { length: to - from },
    (_, k) =>
      `INSERT INTO orders (id, customer, amount) VALUES (${from + k}, ${customer(from + k)}, ${from + k});`,
  ).join('\n');

/** What the join holds: every order with its customer's name, as of the last change. */
function expected(
  ordersById: Map<number, [number, number]>,
  names: Map<number, string>,
): unknown[][] {
  return [...ordersById]
    .sort(([a], [b]) => a - b)
    .map(([id, [customer, amount]]) => [id, names.get(customer) ?? null, amount]);
}

describe('foreign-key join tasks', () => {
  it('runs the left and right tables in tasks of their own, through the subscription topics', async () => {
    t = await openTestEngine();
    await t.run(`${SETUP}
INSERT INTO customers (cid, name) VALUES (1, 'ann');
INSERT INTO customers (cid, name) VALUES (2, 'bob');
${orders(0, 12, (i) => i % 4)}`);
    const log = t.engine.log;
    expect((await log.describeTopic(REGISTRATION))?.partitions).toBe(3);
    expect((await log.describeTopic(RESPONSE))?.partitions).toBe(2);
    // Subscriptions go to the partition of the right row they name, responses to the left row's.
    const subscriptions = await readTopic(log, REGISTRATION);
    expect(subscriptions).toHaveLength(12);
    for (const r of subscriptions) expect(r.partition).toBe(partitionForKey(r.key!, 3));
    expect(new Set(subscriptions.map((r) => r.partition)).size).toBeGreaterThan(1);
    const responses = await readTopic(log, RESPONSE);
    expect(new Set(responses.map((r) => r.partition))).toEqual(new Set([0, 1]));

    const [explain] = await t.engine.executeScript('EXPLAIN CTAS_ENRICHED_0;');
    expect(text(explain)).toMatch(
      new RegExp(
        `Sub-topology \\d: reads ${REGISTRATION}, customers \\| writes ${RESPONSE} \\| 3 tasks`,
      ),
    );
    expect(text(explain)).toMatch(
      new RegExp(`Sub-topology \\d: reads ${RESPONSE}, orders \\| writes ENRICHED \\| 2 tasks`),
    );

    const byId = new Map<number, [number, number]>();
    for (let i = 0; i < 12; i++) byId.set(i, [i % 4, i]);
    const names = new Map([
      [1, 'ann'],
      [2, 'bob'],
    ]);
    expect(await pull()).toEqual(expected(byId, names));

    // A right change reaches every left row that references it; a new right row too; a
    // foreign-key change moves the subscription; deletes on both sides.
    await t.run(`SET 'auto.offset.reset' = 'earliest';
INSERT INTO customers (cid, name) VALUES (1, 'anna');
INSERT INTO customers (cid, name) VALUES (3, 'cy');
INSERT INTO orders (id, customer, amount) VALUES (5, 2, 50);`);
    names.set(1, 'anna').set(3, 'cy');
    byId.set(5, [2, 50]);
    expect(await pull()).toEqual(expected(byId, names));
  });

  it('restores the stores of both sides from their changelogs: same answers after a restart', async () => {
    t = await openTestEngine();
    await t.run(`${SETUP}
INSERT INTO customers (cid, name) VALUES (1, 'ann');
${orders(0, 8, (i) => i % 3)}`);
    const dir = t.dir;
    await t.close();
    t = await openTestEngine(dir);
    const stores = t.engine.queries.get('CTAS_ENRICHED_0')!.stores();
    expect(stores.map((s) => [s.name, s.tasks])).toEqual(
      expect.arrayContaining([
        ['FkJoin-Left', 2],
        ['FkJoin-Right', 3],
        ['FkJoin-Subscriptions', 3],
      ]),
    );
    // After the restart: the right side must still know who subscribed (a right change reaches
    // old left rows), and the left side its rows (a response finds them).
    await t.run(`SET 'auto.offset.reset' = 'earliest';
INSERT INTO customers (cid, name) VALUES (2, 'bob');
INSERT INTO customers (cid, name) VALUES (1, 'anna');
INSERT INTO orders (id, customer, amount) VALUES (3, 1, 30);`);
    const byId = new Map<number, [number, number]>();
    for (let i = 0; i < 8; i++) byId.set(i, [i % 3, i]);
    byId.set(3, [1, 30]);
    const names = new Map([
      [1, 'anna'],
      [2, 'bob'],
    ]);
    expect(await pull()).toEqual(expected(byId, names));
    // Nothing was processed twice: one subscription per left change.
    expect(await readTopic(t.engine.log, REGISTRATION)).toHaveLength(9 + 1);
  });

  it('in order: gives, key by key, the same changes as the single-task join of a push query', async () => {
    t = await openTestEngine();
    // A fixed pseudo-random history: orders moving between customers, customers renamed.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const statements: string[] = [];
    for (let ts = 1; ts <= 80; ts++) {
      statements.push(
        next(3) === 0
          ? `INSERT INTO customers (cid, name, ROWTIME) VALUES (${next(5)}, 'c${ts}', ${ts});`
          : `INSERT INTO orders (id, customer, amount, ROWTIME) VALUES (${next(6)}, ${next(6)}, ${ts}, ${ts});`,
      );
    }
    await t.run(`SET 'auto.offset.reset' = 'earliest';
SET 'streamsql.foreign.key.join.in.order' = 'true';
CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount INT) WITH (kafka_topic='orders', partitions=2, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=3, value_format='JSON');
CREATE TABLE enriched AS SELECT id, name, amount FROM orders JOIN customers ON customer = cid;
${statements.join('\n')}`);
    const pushed = await t.run(`SET 'auto.offset.reset' = 'earliest';
SELECT id, name, amount FROM orders JOIN customers ON customer = cid EMIT CHANGES;`);
    const bySink = new Map<number, string[]>();
    for (const r of await readTopic(t.engine.log, 'ENRICHED')) {
      const id = r.key!.readInt32BE(0);
      const v =
        r.value && (JSON.parse(r.value.toString('utf8')) as { NAME: string; AMOUNT: number });
      bySink.set(id, [...(bySink.get(id) ?? []), v ? `${v.NAME}/${v.AMOUNT}` : 'delete']);
    }
    const byPush = new Map<number, string[]>();
    for (const r of pushed) {
      const id = r.ID as number;
      const shown = r.AMOUNT === null ? 'delete' : `${String(r.NAME)}/${String(r.AMOUNT)}`;
      byPush.set(id, [...(byPush.get(id) ?? []), shown]);
    }
    expect(bySink.size).toBeGreaterThan(2);
    expect(bySink).toEqual(byPush);
  });

  it('in batches: ends, key by key, where the history says, with fewer transactions', async () => {
    t = await openTestEngine();
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const ordersById = new Map<number, [number, number]>();
    const names = new Map<number, string>();
    const statements: string[] = [];
    for (let ts = 1; ts <= 600; ts++) {
      if (next(4) === 0) {
        const cid = next(8);
        names.set(cid, `c${ts}`);
        statements.push(
          `INSERT INTO customers (cid, name, ROWTIME) VALUES (${cid}, 'c${ts}', ${ts});`,
        );
      } else {
        const [id, customer] = [next(40), next(8)];
        ordersById.set(id, [customer, ts]);
        statements.push(
          `INSERT INTO orders (id, customer, amount, ROWTIME) VALUES (${id}, ${customer}, ${ts}, ${ts});`,
        );
      }
    }
    // The inputs first, then the query: it finds them all and takes them in batches.
    await t.run(`SET 'auto.offset.reset' = 'earliest';
CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount INT) WITH (kafka_topic='orders', partitions=2, value_format='JSON');
CREATE TABLE customers (cid INT PRIMARY KEY, name STRING) WITH (kafka_topic='customers', partitions=3, value_format='JSON');
${statements.join('\n')}
CREATE TABLE enriched AS SELECT id, name, amount FROM orders LEFT JOIN customers ON customer = cid;`);
    expect(await pull()).toEqual(expected(ordersById, names));
    const last = new Map<number, unknown>();
    const sink = await readTopic(t.engine.log, 'ENRICHED');
    for (const r of sink)
      last.set(r.key!.readInt32BE(0), r.value && JSON.parse(r.value.toString()));
    expect(last).toEqual(
      new Map(
        expected(ordersById, names).map(([id, name, amount]) => [
          id,
          { NAME: name, AMOUNT: amount },
        ]),
      ),
    );
    // Superseded versions are not answered: fewer results than left changes.
    expect(sink.length).toBeLessThan(statements.length);
  });

  it('runs a foreign-key join of a plan from before subscription topics as one task', async () => {
    t = await openTestEngine();
    await t.run(SETUP);
    const plan = t.engine.queries.get('CTAS_ENRICHED_0')!.plan;
    const withoutSubscriptions = (node: PlanNode): PlanNode => {
      if (node.type === 'source') return node;
      if (node.type === 'join') {
        const { subscriptions: _dropped, ...rest } = node;
        return {
          ...rest,
          left: withoutSubscriptions(node.left),
          right: withoutSubscriptions(node.right),
        };
      }
      return { ...node, input: withoutSubscriptions(node.input) };
    };
    const functions = builtinRegistry();
    const now = buildTopology(plan.root, functions, plan.queryId);
    expect(now.subTopologies.map((s) => s.singleTask)).toEqual([false, false]);
    const before = buildTopology(withoutSubscriptions(plan.root), functions, plan.queryId);
    expect(before.subTopologies.map((s) => s.singleTask)).toEqual([true]);
  });
});
