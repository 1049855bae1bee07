/** SHOW/LIST STREAMS, TABLES, QUERIES, TOPICS, FUNCTIONS, PROPERTIES, VARIABLES, TYPES. */
import { formatType, INTEGER, STRING, BIGINT } from '../../common/sql-types.js';
import type { Show } from '../../parser/ast.js';
import type { EngineContext } from '../engine-context.js';
import type { StatementResult } from '../results.js';

const col = (name: string, type = STRING) => ({ name, type });

export async function show(stmt: Show, ctx: EngineContext): Promise<StatementResult> {
  switch (stmt.what) {
    case 'streams':
    case 'tables': {
      const type = stmt.what === 'streams' ? 'stream' : 'table';
      const rows = ctx.metastore
        .allSources()
        .filter((s) => s.sourceType === type)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => [
          s.name,
          ctx.log.clusterName?.(s.topic) ?? s.topic,
          s.keyFormat.format,
          s.valueFormat.format,
          s.window ? s.window.type.toUpperCase() : 'false',
        ]);
      return {
        kind: 'table',
        title: stmt.what === 'streams' ? 'Streams' : 'Tables',
        columns: [
          col(type === 'stream' ? 'Stream Name' : 'Table Name'),
          col('Kafka Topic'),
          col('Key Format'),
          col('Value Format'),
          col('Windowed'),
        ],
        rows,
      };
    }
    case 'queries': {
      const rows = [...ctx.queries.values()].map((q) => [
        q.plan.queryId,
        'PERSISTENT',
        q.state,
        q.plan.sink.sourceName,
        ctx.log.clusterName?.(q.plan.sink.topic) ?? q.plan.sink.topic,
        q.sql,
      ]);
      return {
        kind: 'table',
        title: 'Queries',
        columns: [
          col('Query ID'),
          col('Query Type'),
          col('Status'),
          col('Sink Name'),
          col('Sink Kafka Topic'),
          col('Query String'),
        ],
        rows,
      };
    }
    case 'topics': {
      const topics = (await ctx.log.listTopics())
        .filter((t) => stmt.all || !t.name.startsWith('_'))
        .sort((a, b) => a.name.localeCompare(b.name));
      const rows: unknown[][] = [];
      for (const t of topics) {
        const ends = await ctx.log.endOffsets(t.name);
        const starts = await ctx.log.startOffsets(t.name);
        const records = ends.reduce((sum, end, p) => sum + end - (starts[p] ?? 0), 0);
        rows.push(
          stmt.extended
            ? [t.name, t.partitions, t.replicas, BigInt(records)]
            : [t.name, t.partitions, t.replicas],
        );
      }
      return {
        kind: 'table',
        title: 'Topics',
        columns: [
          col('Kafka Topic'),
          col('Partitions', INTEGER),
          col('Partition Replicas', INTEGER),
          ...(stmt.extended ? [col('Records', BIGINT)] : []),
        ],
        rows,
      };
    }
    case 'functions': {
      const rows = ctx.functions
        .list()
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => [
          f.name,
          f.kind === 'scalar' ? 'SCALAR' : f.kind === 'aggregate' ? 'AGGREGATE' : 'TABLE',
          f.category,
        ]);
      return {
        kind: 'table',
        title: 'Functions',
        columns: [col('Function Name'), col('Type'), col('Category')],
        rows,
      };
    }
    case 'properties': {
      const rows = [...ctx.properties.entries()].sort().map(([k, v]) => [k, 'SESSION', v]);
      return {
        kind: 'table',
        title: 'Properties',
        columns: [col('Property'), col('Scope'), col('Value')],
        rows,
      };
    }
    case 'variables': {
      const rows = [...ctx.variables.entries()].sort().map(([k, v]) => [k, v]);
      return {
        kind: 'table',
        title: 'Variables',
        columns: [col('Variable Name'), col('Value')],
        rows,
      };
    }
    case 'types': {
      const rows = [...ctx.metastore.allTypes().entries()]
        .sort()
        .map(([k, t]) => [k, formatType(t)]);
      return { kind: 'table', title: 'Types', columns: [col('Type Name'), col('Schema')], rows };
    }
  }
}
