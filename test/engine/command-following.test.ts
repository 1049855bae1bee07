/**
 * Engines that share a log (processes of one service on Kafka) take up the statements the others
 * record while they run, as ksqlDB servers keep consuming the command topic.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { builtinRegistry } from '../../src/functions/registry.js';
import { openEmbeddedLog } from '../../src/log/embedded/embedded-log.js';
import type { Log } from '../../src/log/log.js';
import { removeDir } from './helpers.js';

describe('following the command topic', () => {
  let dir: string;
  let log: Log;

  const open = (notices: string[] = []) =>
    Engine.open({ log, functions: builtinRegistry(), onNotice: (m) => notices.push(m) });

  afterEach(async () => {
    await log.close();
    removeDir(dir);
  });

  it('applies what another engine recorded after it started, and skips its own statements', async () => {
    dir = mkdtempSync(join(tmpdir(), 'streamsql-follow-'));
    log = await openEmbeddedLog(dir, { fsync: 'never' });
    const notices: string[] = [];
    const follower = await open(notices);
    const other = await open();
    await follower.executeScript(
      "CREATE STREAM mine (v INT) WITH (kafka_topic='mine', partitions=1, value_format='JSON');",
    );
    await other.executeScript(
      "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');" +
        'CREATE STREAM big AS SELECT * FROM s WHERE v > 10;',
    );
    expect(follower.metastore.getSource('BIG')).toBeUndefined();

    expect(await follower.applyNewCommands()).toBe(2);
    expect(follower.metastore.getSource('S')?.sourceType).toBe('stream');
    expect(follower.metastore.getSource('BIG')).toBeDefined();
    expect([...follower.queries.keys()]).toEqual([...other.queries.keys()]);
    expect(notices.filter((n) => n.startsWith('Applied a statement'))).toHaveLength(2);
    // Its own CREATE was not applied a second time; nothing new is left.
    expect(await follower.applyNewCommands()).toBe(0);

    // A query id given after following continues the shared sequence.
    await follower.executeScript('CREATE STREAM small AS SELECT * FROM s WHERE v <= 10;');
    expect([...follower.queries.keys()]).toContain('CSAS_SMALL_1');
    expect(await other.applyNewCommands()).toBe(2);
    expect(other.metastore.getSource('SMALL')).toBeDefined();
  });

  it('reports a statement it cannot apply and keeps its session properties', async () => {
    dir = mkdtempSync(join(tmpdir(), 'streamsql-follow-'));
    log = await openEmbeddedLog(dir, { fsync: 'never' });
    const notices: string[] = [];
    const follower = await open(notices);
    const other = await open();
    await follower.executeScript("SET 'auto.offset.reset'='earliest';");
    // Both create T; the follower's own copy makes the other's CREATE fail when applied.
    await follower.executeScript(
      "CREATE STREAM t (v INT) WITH (kafka_topic='t', partitions=1, value_format='JSON');",
    );
    await other.executeScript(
      "CREATE STREAM t (v INT) WITH (kafka_topic='t', partitions=1, value_format='JSON');" +
        "CREATE STREAM u (v INT) WITH (kafka_topic='u', partitions=1, value_format='JSON');",
    );
    expect(await follower.applyNewCommands()).toBe(1);
    expect(notices.some((n) => n.startsWith('Could not apply') && n.includes('STREAM t'))).toBe(
      true,
    );
    expect(follower.metastore.getSource('U')).toBeDefined();
    expect(follower.properties.get('auto.offset.reset')).toBe('earliest');
  });
});
