/**
 * A persistent query's state stores as they exist on the log: each is backed by a changelog
 * topic named `<query group>-<store>-changelog`, as Kafka Streams names them, so listing the
 * topics under the query's group shows what EXPLAIN and DESCRIBE EXTENDED report.
 */
import { queryGroup } from '../../runtime/query-names.js';
import type { EngineContext } from '../engine-context.js';

export interface QueryStore {
  readonly store: string;
  readonly changelogTopic: string;
}

export async function queryStores(queryId: string, ctx: EngineContext): Promise<QueryStore[]> {
  const prefix = `${queryGroup(queryId)}-`;
  const suffix = '-changelog';
  return (await ctx.log.listTopics())
    .map((t) => t.name)
    .filter((name) => name.startsWith(prefix) && name.endsWith(suffix))
    .sort()
    .map((name) => ({
      store: name.slice(prefix.length, name.length - suffix.length),
      changelogTopic: name,
    }));
}

/** One line per store, for reports: `  STORE (changelog topic: TOPIC)`. */
export function storeLines(stores: readonly QueryStore[]): string[] {
  return stores.length === 0
    ? ['  (none: the query keeps no state)']
    : stores.map((s) => `  ${s.store} (changelog topic: ${s.changelogTopic})`);
}
