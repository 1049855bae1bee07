import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './run-cli.js';

describe('streamsql (the real binary)', () => {
  it('runs the pageviews example on a fresh data directory and prints its rows', () => {
    const r = cli(['run', 'examples/pageviews.sql', '--data-dir', tempDir()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created query with ID CSAS_LONG_VIEWS_0');
    const rows = r.stdout.split('\n').filter((l) => /^\| (alice|bob|carol|dave) /.test(l));
    expect(rows).toHaveLength(5);
    expect(r.stdout).toMatch(/\| bob +\| \/docs\/install +\| docs +\| 61\.0 +\|/);
    expect(r.stdout).toContain('Query terminated: 5 rows');
  });

  it('prints push query rows as JSON lines on stdout, and acknowledgements on stderr', () => {
    const r = cli(['run', 'examples/pageviews.sql', '--data-dir', tempDir(), '--output', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines).toContainEqual({
      USER_ID: 'bob',
      PAGE: '/docs/install',
      SECTION: 'docs',
      VIEW_SECONDS: 61,
    });
    expect(r.stderr).toContain('Stream created');
  });

  it('reports a syntax error as FILE:LINE:COL with what was expected, and exits 1', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.sql');
    writeFileSync(
      file,
      "CREATE STREAM s (id INT KEY, v STRING) WITH (kafka_topic='s', partitions=1, value_format='JSON');\nSELECT * FORM s EMIT CHANGES;\n",
    );
    const r = cli(['run', file, '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:2:10: Syntax Error: unexpected 'FORM', expected one of: ',', FROM`,
    );
  });

  it('reports an unknown column with its position and changes nothing', () => {
    const dir = tempDir();
    const r = cli([
      '-e',
      "CREATE STREAM s (id INT KEY, v STRING) WITH (kafka_topic='s', partitions=1, value_format='JSON'); CREATE STREAM t AS SELECT nope FROM s;",
      '--data-dir',
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /<command line>:1:\d+: analysis error: SELECT column 'NOPE' cannot be resolved/,
    );
    const show = cli(['-e', 'SHOW STREAMS;', '--data-dir', dir]);
    expect(show.stdout).toContain('| S ');
    expect(show.stdout).not.toContain('| T ');
  });

  it('restores queries on restart and resumes from committed offsets without reprocessing', () => {
    const dir = tempDir();
    const setup = cli([
      '-e',
      "SET 'auto.offset.reset'='earliest'; CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON'); INSERT INTO s (id, v) VALUES (1, 10); CREATE STREAM doubled AS SELECT id, v * 2 AS v2 FROM s;",
      '--data-dir',
      dir,
    ]);
    expect(setup.code).toBe(0);
    expect(cli(['-e', 'INSERT INTO s (id, v) VALUES (2, 20);', '--data-dir', dir]).code).toBe(0);
    const out = cli([
      '-e',
      "SET 'auto.offset.reset'='earliest'; SELECT * FROM doubled EMIT CHANGES;",
      '--data-dir',
      dir,
      '--output',
      'json',
    ]);
    expect(
      out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { ID: 1, V2: 20 },
      { ID: 2, V2: 40 },
    ]);
    const queries = cli(['-e', 'SHOW QUERIES;', '--data-dir', dir]);
    expect(queries.stdout).toContain('CSAS_DOUBLED_0');
  });

  it('produces records from JSON lines and prints them back with the declared formats', () => {
    const dir = tempDir();
    expect(
      cli([
        '-e',
        "CREATE STREAM s (id INT KEY, v STRING) WITH (kafka_topic='s', partitions=1, value_format='JSON');",
        '--data-dir',
        dir,
      ]).code,
    ).toBe(0);
    const produced = cli(
      ['topic', 'produce', 's', '--key-format', 'KAFKA_INT', '--data-dir', dir],
      '{"key":7,"value":{"V":"x"},"timestamp":5}\n',
    );
    expect(produced.code).toBe(0);
    const printed = cli(['topic', 'print', 's', '--from-beginning', '--data-dir', dir]);
    expect(JSON.parse(printed.stdout.trim())).toEqual({
      partition: 0,
      offset: 0,
      timestamp: 5,
      key: 7,
      value: { V: 'x' },
    });
    const listed = cli(['topic', 'list', '--data-dir', dir]);
    expect(listed.stdout).toMatch(/\| s +\| 1 +\| 1 +\|/);
  });

  it('produces into a declared source in its own formats when no format is given', () => {
    const dir = tempDir();
    expect(
      cli([
        '-e',
        "CREATE STREAM s (id INT KEY, v STRING, n BIGINT) WITH (kafka_topic='s', partitions=1, value_format='AVRO');",
        '--data-dir',
        dir,
      ]).code,
    ).toBe(0);
    const produced = cli(
      ['topic', 'produce', 's', '--data-dir', dir],
      '{"key":7,"value":{"V":"x","N":3},"timestamp":5}\n',
    );
    expect(produced.code).toBe(0);
    expect(produced.stderr).toContain('key KAFKA (1 column(s)), value AVRO');
    // Read back through SQL: the INT key and the Avro value decode as the stream declares them.
    const selected = cli([
      '-e',
      "SET 'auto.offset.reset'='earliest'; SELECT * FROM s EMIT CHANGES LIMIT 1;",
      '--data-dir',
      dir,
      '--output',
      'json',
    ]);
    expect(selected.code).toBe(0);
    expect(JSON.parse(selected.stdout.trim())).toEqual({ ID: 7, V: 'x', N: 3 });
  });

  it('runs statements from stdin when it is not a terminal', () => {
    const r = cli(
      ['--data-dir', tempDir()],
      "CREATE STREAM s (v INT) WITH (kafka_topic='s', partitions=1, value_format='JSON');\nSHOW STREAMS;\n",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stream created');
    expect(r.stdout).toMatch(/\| S +\| s +\| NONE|\| S +\| s +\| KAFKA/);
  });

  it('answers --help and --version', () => {
    expect(cli(['--help']).stdout).toContain('streamsql run FILE.sql');
    expect(cli(['--version']).stdout).toMatch(/^streamsql \d+\.\d+\.\d+/);
  });
});
