/** The REPL's banner and its `help` text. */
import type { Engine } from '../../../engine/engine.js';
import type { Style } from '../format/style.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function banner(version: string, backend: string, engine: Engine, style: Style): string {
  const sources = engine.metastore.allSources().filter((s) => !s.name.startsWith('KSQL_'));
  const streams = sources.filter((s) => s.sourceType === 'stream').length;
  const tables = sources.length - streams;
  const queries = engine.queries.size;
  const what =
    sources.length + queries === 0
      ? 'No streams or tables yet.'
      : `${plural(streams, 'stream')}, ${plural(tables, 'table')}, ${plural(queries, 'persistent query', 'persistent queries')}.`;
  return [
    `${style.bold(`streamsql ${version}`)} ${style.dim("· ksqlDB's SQL over a log")}`,
    `${style.dim('Backend:')} ${backend}. ${what}`,
    style.dim(
      `Type ${style.bold('help')} for help. End statements with ';'. Ctrl-C cancels, Ctrl-D exits.`,
    ),
    '',
    '',
  ].join('\n');
}

export function helpText(style: Style): string {
  const key = (k: string, what: string): string => `  ${style.bold(k.padEnd(22))}${what}`;
  return [
    style.bold('Statements') + " end with ';' and may span lines; several may share a line.",
    '  SHOW STREAMS;  SHOW TABLES;  SHOW TOPICS;  SHOW QUERIES;  SHOW FUNCTIONS;',
    '  DESCRIBE name;  DESCRIBE FUNCTION name;  EXPLAIN query_id;  EXPLAIN SELECT …;',
    "  CREATE STREAM s (id INT KEY, v STRING) WITH (kafka_topic='s', value_format='JSON', partitions=1);",
    "  INSERT INTO s (id, v) VALUES (1, 'a');  SELECT * FROM s EMIT CHANGES;  PRINT 's' FROM BEGINNING;",
    "  SET 'auto.offset.reset'='earliest';  DEFINE name = 'value';  then ${name};  RUN SCRIPT 'file.sql';",
    style.bold('Keys'),
    key('Enter', "runs the statement once it ends with ';' (otherwise starts a new line)"),
    key('Alt-Enter', 'new line without running'),
    key('Tab', 'completes keywords, streams, tables, columns, topics, functions'),
    key('↑ ↓  Ctrl-P Ctrl-N', 'history (kept in ~/.streamsql_history)'),
    key('Ctrl-R', 'searches history; Ctrl-R again for older matches'),
    key('Ctrl-A Ctrl-E', 'start / end of line;  Ctrl-W, Alt-D delete a word'),
    key('Ctrl-K Ctrl-U', 'delete to end / start of line'),
    key('Ctrl-C', 'cancels a running query; at the prompt, clears the line'),
    key('Ctrl-L  clear', 'clears the screen'),
    key('Ctrl-D  exit  quit', 'leaves'),
    '',
  ].join('\n');
}
