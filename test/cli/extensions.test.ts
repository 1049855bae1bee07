import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './run-cli.js';

const SETUP =
  "SET 'auto.offset.reset'='earliest';" +
  "CREATE STREAM s (id INT KEY, t STRING, n INT) WITH (KAFKA_TOPIC='s', PARTITIONS=1, VALUE_FORMAT='JSON');" +
  "INSERT INTO s (id, t, n) VALUES (1, 'a', -1);" +
  "INSERT INTO s (id, t, n) VALUES (2, 'b', 2);";

describe('user functions through the real binary', () => {
  it('runs the extensions example: JavaScript and TypeScript scalars, aggregates, table functions', () => {
    const r = cli([
      'run',
      'examples/extensions.sql',
      '--extensions-dir',
      'examples/extensions',
      '--data-dir',
      tempDir(),
      '--output',
      'json',
    ]);
    expect(r.stderr).not.toMatch(/not loaded|WARN/);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toContainEqual({ ID: 2, AUTHOR: 'BOB!', BODY: 'TOO SLOW!!', SCORE: 5 });
    expect(rows).toContainEqual({
      AUTHOR: 'alice',
      LONGEST_REVIEW: 'great little engine',
      MEAN_SCORE: 2.25,
    });
    expect(rows.filter((row) => 'WORD' in row).map((row) => row.WORD)).toEqual([
      'great',
      'little',
      'engine',
      'too',
      'slow',
      'fast',
      'reads',
      'my',
      'ksqlDB',
      'scripts',
    ]);
    expect(r.stdout + r.stderr).toContain('Source      : ');
  });

  it('reports a module that fails with its file and reason, and still starts', () => {
    const dir = tempDir();
    const ext = join(dir, 'ext');
    mkdirSync(ext);
    writeFileSync(join(ext, 'syntax.js'), 'export default {\n  scalar: [\n');
    writeFileSync(
      join(ext, 'wrong.ts'),
      "export default { scalar: [{ name: 'x', description: 'd', signatures: [{ signature: '(NUMBER) -> INT', impl: () => 1 }] }] };\n",
    );
    const r = cli([
      '--extensions-dir',
      ext,
      '--data-dir',
      join(dir, 'data'),
      '-e',
      'SHOW STREAMS;',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `${join(ext, 'syntax.js')} was not loaded: 3:1: Unexpected end of input`,
    );
    expect(r.stderr).toContain(`${join(ext, 'wrong.ts')} was not loaded: function x: bad type`);
    expect(r.stdout).toContain('KSQL_PROCESSING_LOG');
  });

  it('sends a record whose function throws to the processing log, lists user functions, and finds them after a restart', () => {
    const dir = tempDir();
    const common = ['--extensions-dir', 'examples/extensions', '--data-dir', join(dir, 'data')];
    const first = cli([
      ...common,
      '--output',
      'json',
      '-e',
      SETUP +
        'CREATE STREAM o AS SELECT id, SHOUT(t, n) AS x FROM s;' +
        'SELECT * FROM o EMIT CHANGES LIMIT 2;' +
        'SELECT MESSAGE->RECORDPROCESSINGERROR->ERRORMESSAGE AS m FROM KSQL_PROCESSING_LOG EMIT CHANGES LIMIT 1;' +
        'SHOW FUNCTIONS;',
    ]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toContain(JSON.stringify({ ID: 1, X: null }));
    expect(lines).toContain(JSON.stringify({ ID: 2, X: 'B!!' }));
    expect(lines).toContain(JSON.stringify({ M: 'SHOUT: times must not be negative, got -1' }));
    const listed = lines.filter((l) => l.includes('"Function Name"')).map((l) => JSON.parse(l));
    expect(listed).toContainEqual({ 'Function Name': 'SHOUT', Type: 'SCALAR', Category: 'STRING' });
    expect(listed).toContainEqual({
      'Function Name': 'MEAN',
      Type: 'AGGREGATE',
      Category: 'AGGREGATE',
    });
    expect(listed).toContainEqual({ 'Function Name': 'WORDS', Type: 'TABLE', Category: 'TABLE' });

    // The restored query compiles against the user functions loaded before the replay.
    const second = cli([
      ...common,
      '--output',
      'json',
      '-e',
      "SET 'auto.offset.reset'='earliest'; INSERT INTO s (id, t, n) VALUES (3, 'c', 1); SELECT * FROM o EMIT CHANGES LIMIT 3;",
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split('\n')).toContain(JSON.stringify({ ID: 3, X: 'C!' }));
  });
});
