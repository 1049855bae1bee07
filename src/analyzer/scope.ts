/**
 * Name resolution for expressions: which row position and type a column reference names,
 * given the sources (and their aliases) that are in scope.
 */
import { AnalysisError } from '../common/errors.js';
import type { SqlType } from '../common/sql-types.js';
import type { ColumnRef } from '../parser/ast.js';

export interface ScopeColumn {
  /** The name or alias of the source the column comes from (absent for derived columns). */
  readonly source?: string;
  readonly name: string;
  readonly type: SqlType;
  /** Position in the row the expression will read. */
  readonly index: number;
}

export interface ResolvedColumn {
  readonly index: number;
  readonly type: SqlType;
  readonly name: string;
}

export class Scope {
  constructor(
    readonly columns: readonly ScopeColumn[],
    /** The source names and aliases a qualifier may use. */
    readonly sourceNames: readonly string[] = [],
  ) {}

  /**
   * Resolves `name` or `source.name`; `clause` names where the reference stands, for ksqlDB's
   * message `WHERE column 'BOB' cannot be resolved.`.
   */
  resolve(ref: ColumnRef, clause: string): ResolvedColumn {
    if (ref.source !== undefined && !this.sourceNames.includes(ref.source)) {
      throw new AnalysisError(
        `'${ref.source}' is not a valid stream/table name or alias.`,
        ref.span,
      );
    }
    const matches = this.columns.filter(
      (c) => c.name === ref.name && (ref.source === undefined || c.source === ref.source),
    );
    if (matches.length === 0) {
      const shown = ref.source === undefined ? ref.name : `${ref.source}.${ref.name}`;
      throw new AnalysisError(`${clause} column '${shown}' cannot be resolved.`, ref.span);
    }
    if (matches.length > 1 && new Set(matches.map((m) => m.index)).size > 1) {
      const names = matches.map((m) => `${m.source}.${m.name}`);
      throw new AnalysisError(
        `Column '${ref.name}' is ambiguous. Could be ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}.`,
        ref.span,
      );
    }
    const m = matches[0]!;
    return { index: m.index, type: m.type, name: m.name };
  }

  /** Whether the column is visible, without raising. */
  has(name: string, source?: string): boolean {
    return this.columns.some(
      (c) => c.name === name && (source === undefined || c.source === source),
    );
  }
}
