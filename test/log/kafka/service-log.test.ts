/** Service ids on a shared cluster: the engine's internal names move under the id, user topics do not. */
import { describe, expect, it } from 'vitest';
import { serviceLog, serviceNaming } from '../../../src/log/kafka/service-log.js';
import { openEmbeddedLog } from '../../../src/log/embedded/embedded-log.js';
import { Engine } from '../../../src/engine/engine.js';
import { builtinRegistry } from '../../../src/functions/registry.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('service ids', () => {
  const naming = serviceNaming('orders_');

  it('names the command topic, query groups, changelogs and processing log as ksqlDB does', () => {
    expect(naming.topic('_confluent-ksql-default__command_topic')).toBe(
      '_confluent-ksql-orders__command_topic',
    );
    expect(naming.group('_confluent-ksql-default_query_CSAS_X_0')).toBe(
      '_confluent-ksql-orders_query_CSAS_X_0',
    );
    expect(
      naming.topic(
        '_confluent-ksql-default_query_CTAS_T_1-Aggregate-Aggregate-Materialize-changelog',
      ),
    ).toBe('_confluent-ksql-orders_query_CTAS_T_1-Aggregate-Aggregate-Materialize-changelog');
    expect(naming.topic('default_ksql_processing_log')).toBe('orders_ksql_processing_log');
    expect(naming.topic('pageviews')).toBe('pageviews');
  });

  it('shows its own internal topics under the default names and hides the default service’s', () => {
    expect(naming.shown('_confluent-ksql-orders__command_topic')).toBe(
      '_confluent-ksql-default__command_topic',
    );
    expect(naming.shown('orders_ksql_processing_log')).toBe('default_ksql_processing_log');
    expect(naming.shown('_confluent-ksql-default__command_topic')).toBeUndefined();
    expect(naming.shown('default_ksql_processing_log')).toBeUndefined();
    expect(naming.shown('pageviews')).toBe('pageviews');
  });

  it('keeps two services apart on one log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-service-'));
    const log = await openEmbeddedLog(dir, { fsync: 'never' });
    try {
      const a = serviceLog(log, 'a_');
      const b = serviceLog(log, 'b_');
      const command = '_confluent-ksql-default__command_topic';
      await a.createTopic(command, { partitions: 1 });
      await a.append(command, [{ key: null, value: Buffer.from('x'), timestamp: 1 }]);
      expect(await a.endOffsets(command)).toEqual([1]);
      expect(await b.describeTopic(command)).toBeUndefined();
      expect((await log.listTopics()).map((t) => t.name)).toEqual([
        '_confluent-ksql-a__command_topic',
      ]);
      expect((await a.listTopics()).map((t) => t.name)).toEqual([command]);
      // Another service's topics keep their cluster names: they never alias b's own.
      expect((await b.listTopics()).map((t) => t.name)).toEqual([
        '_confluent-ksql-a__command_topic',
      ]);
      expect(serviceLog(log, 'default_')).toBe(log);
    } finally {
      await log.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows users the cluster names of the topics it renamed (SHOW STREAMS, DESCRIBE)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamsql-service-'));
    const engine = await Engine.open({
      log: serviceLog(await openEmbeddedLog(dir, { fsync: 'never' }), 'orders_'),
      functions: builtinRegistry(),
    });
    try {
      const [shown] = await engine.executeScript('SHOW STREAMS;');
      expect(shown).toMatchObject({ kind: 'table' });
      const rows = shown?.kind === 'table' ? shown.rows : [];
      expect(rows).toContainEqual(
        expect.arrayContaining(['KSQL_PROCESSING_LOG', 'orders_ksql_processing_log']),
      );
      const [described] = await engine.executeScript('DESCRIBE EXTENDED KSQL_PROCESSING_LOG;');
      expect(JSON.stringify(described)).toContain(
        'Kafka topic          : orders_ksql_processing_log',
      );
    } finally {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
