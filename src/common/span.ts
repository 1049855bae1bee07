/** A position in statement text: 1-based line and column, 0-based offset. */
export interface Span {
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

export const NO_SPAN: Span = { line: 0, col: 0, offset: 0 };
