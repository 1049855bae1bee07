/**
 * The names Tab completion offers, read from the engine: sources with their columns, topics,
 * functions, persistent query ids and variables. Topics come from the log, which is asynchronous,
 * so the catalog is refreshed after each statement and read synchronously while typing.
 */
import type { Engine } from '../../../engine/engine.js';

export interface CatalogSource {
  readonly name: string;
  readonly kind: 'stream' | 'table';
  readonly columns: readonly string[];
}

export interface Catalog {
  readonly sources: readonly CatalogSource[];
  readonly topics: readonly string[];
  readonly functions: readonly string[];
  readonly queryIds: readonly string[];
  readonly variables: readonly string[];
}

export const EMPTY_CATALOG: Catalog = {
  sources: [],
  topics: [],
  functions: [],
  queryIds: [],
  variables: [],
};

/** A catalog of the engine's names; topics are those listed by the log (internal ones left out). */
export async function readCatalog(engine: Engine): Promise<Catalog> {
  let topics: string[] = [];
  try {
    topics = (await engine.log.listTopics()).map((t) => t.name).filter((n) => !n.startsWith('_'));
  } catch {
    // The log is unreachable: complete the rest.
  }
  return {
    sources: engine.metastore.allSources().map((s) => ({
      name: s.name,
      kind: s.sourceType,
      columns: s.columns.map((c) => c.name),
    })),
    topics,
    functions: [...new Set(engine.functions.list().map((f) => f.name.toUpperCase()))],
    queryIds: [...engine.queries.keys()],
    variables: [...engine.variables.keys()],
  };
}
