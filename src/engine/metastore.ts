/**
 * The metastore: every stream, table and custom type, by name. It is rebuilt on start by
 * replaying the command topic, so it holds nothing that is not derived from statements.
 */
import type { SqlType } from '../common/sql-types.js';
import type { DataSource } from './data-source.js';

export class Metastore {
  private readonly sources = new Map<string, DataSource>();
  private readonly types = new Map<string, SqlType>();

  getSource(name: string): DataSource | undefined {
    return this.sources.get(name);
  }

  putSource(source: DataSource): void {
    this.sources.set(source.name, source);
  }

  deleteSource(name: string): boolean {
    return this.sources.delete(name);
  }

  allSources(): readonly DataSource[] {
    return [...this.sources.values()];
  }

  /** Sources reading the topic, used to pick formats for `topic print`. */
  sourcesOnTopic(topic: string): readonly DataSource[] {
    return this.allSources().filter((s) => s.topic === topic);
  }

  getType(name: string): SqlType | undefined {
    return this.types.get(name);
  }

  putType(name: string, type: SqlType): void {
    this.types.set(name, type);
  }

  deleteType(name: string): boolean {
    return this.types.delete(name);
  }

  allTypes(): ReadonlyMap<string, SqlType> {
    return this.types;
  }
}
