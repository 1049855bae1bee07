/** DESCRIBE [EXTENDED] source, DESCRIBE STREAMS/TABLES, DESCRIBE FUNCTION. */
import { AnalysisError } from '../../common/errors.js';
import { formatType } from '../../common/sql-types.js';
import type { Describe, DescribeFunction } from '../../parser/ast.js';
import type { DataSource } from '../data-source.js';
import type { EngineContext } from '../engine-context.js';
import { repartitionLines, storeLines, subTopologyLines } from './explain.js';
import type { StatementResult } from '../results.js';

export async function describeSource(stmt: Describe, ctx: EngineContext): Promise<StatementResult> {
  if (stmt.target.kind !== 'source') {
    const type = stmt.target.kind === 'streams' ? 'stream' : 'table';
    const text = (
      await Promise.all(
        ctx.metastore
          .allSources()
          .filter((s) => s.sourceType === type)
          .map((s) => describeText(s, stmt.extended, ctx)),
      )
    ).join('\n\n');
    return { kind: 'text', title: stmt.target.kind === 'streams' ? 'Streams' : 'Tables', text };
  }
  const source = ctx.metastore.getSource(stmt.target.name);
  if (!source) {
    throw new AnalysisError(
      `Could not find STREAM/TABLE '${stmt.target.name}' in the Metastore`,
      stmt.span,
    );
  }
  return { kind: 'text', title: source.name, text: await describeText(source, stmt.extended, ctx) };
}

async function describeText(
  source: DataSource,
  extended: boolean,
  ctx: EngineContext,
): Promise<string> {
  const width =
    Math.max(...source.columns.map((c) => c.name.length), 'Field'.length, 'ROWTIME'.length) + 1;
  const lines = [
    `Name                 : ${source.name}`,
    ...(extended
      ? [
          `Type                 : ${source.sourceType.toUpperCase()}`,
          `Timestamp field      : ${source.timestamp?.column ?? 'Not set - using <ROWTIME>'}`,
          `Key format           : ${source.keyFormat.format}`,
          `Value format         : ${source.valueFormat.format}`,
          `Kafka topic          : ${ctx.log.clusterName?.(source.topic) ?? source.topic} (partitions: ${(await ctx.log.describeTopic(source.topic))?.partitions ?? '?'})`,
          `Statement            : ${source.sql}`,
        ]
      : []),
    ' ' + 'Field'.padEnd(width) + '| Type',
    '-'.repeat(width + 30),
    ...source.columns.map((c) => {
      const suffix =
        c.namespace === 'key'
          ? source.sourceType === 'table'
            ? '  (primary key)'
            : '  (key)'
          : c.namespace === 'header'
            ? c.headerKey === undefined
              ? '  (headers)'
              : `  (header('${c.headerKey}'))`
            : '';
      return ' ' + c.name.padEnd(width) + '| ' + formatType(c.type) + suffix;
    }),
    '-'.repeat(width + 30),
  ];
  if (extended) {
    const writers = [...ctx.queries.values()].filter((q) => q.plan.sink.sourceName === source.name);
    const readers = [...ctx.queries.values()].filter((q) => q.plan.sources.includes(source.name));
    lines.push('', 'Queries that read from this ' + source.sourceType.toUpperCase() + ':');
    lines.push(...readers.map((q) => `${q.plan.queryId} (${q.state}) : ${q.sql}`));
    lines.push('', 'Queries that write from this ' + source.sourceType.toUpperCase() + ':');
    lines.push(...writers.map((q) => `${q.plan.queryId} (${q.state}) : ${q.sql}`));
    for (const q of writers) {
      const stores = q.stores();
      if (stores.length > 0)
        lines.push('', `State stores of ${q.plan.queryId}:`, ...storeLines(stores));
      const repartitions = repartitionLines(q.repartitionTopics);
      if (repartitions.length > 0) {
        lines.push(
          '',
          `Sub-topologies of ${q.plan.queryId}:`,
          ...subTopologyLines(q.subTopologies()),
        );
        lines.push('', `Repartition topics of ${q.plan.queryId}:`, ...repartitions);
      }
    }
  }
  return lines.join('\n');
}

export function describeFunction(stmt: DescribeFunction, ctx: EngineContext): StatementResult {
  const f = ctx.functions.describe(stmt.name);
  if (!f)
    throw new AnalysisError(`Can't find any functions with the name '${stmt.name}'`, stmt.span);
  const lines = [
    `Name        : ${f.name}`,
    `Overview    : ${f.description}`,
    `Type        : ${f.kind.toUpperCase()}`,
    `Category    : ${f.category}`,
    `Source      : ${f.source ?? 'internal'}`,
    '',
    ...f.signatures.flatMap((s) => [
      `Variation   : ${f.name}(${s.params})`,
      `Returns     : ${s.returns}`,
      ...(s.description ? [`Description : ${s.description}`] : []),
      '',
    ]),
  ];
  return { kind: 'text', title: f.name, text: lines.join('\n') };
}
