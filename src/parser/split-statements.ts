/**
 * Splits a script into statements at `;`, outside string literals, quoted identifiers and
 * comments, keeping where each starts so errors point into the whole script. Statements are
 * parsed one at a time because DEFINE changes how later ones read (`${var}`).
 */

export interface StatementText {
  readonly text: string;
  /** 1-based line and column of the statement's first character in the script. */
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

export function splitStatements(script: string): StatementText[] {
  const out: StatementText[] = [];
  let start = -1;
  let line = 1;
  let col = 1;
  let startLine = 1;
  let startCol = 1;
  let i = 0;
  const advance = (): void => {
    if (script[i] === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    i++;
  };
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '-' && script[i + 1] === '-') {
      while (i < script.length && script[i] !== '\n') advance();
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      advance();
      advance();
      while (i < script.length && !(script[i] === '*' && script[i + 1] === '/')) advance();
      if (i < script.length) {
        advance();
        advance();
      }
      continue;
    }
    if (/\s/.test(ch)) {
      advance();
      continue;
    }
    if (start < 0) {
      start = i;
      startLine = line;
      startCol = col;
    }
    if (ch === "'" || ch === '`' || ch === '"') {
      advance();
      while (i < script.length) {
        if (script[i] === ch) {
          if (script[i + 1] === ch) {
            advance();
            advance();
            continue;
          }
          break;
        }
        advance();
      }
      advance();
      continue;
    }
    if (ch === ';') {
      advance();
      out.push({ text: script.slice(start, i), line: startLine, col: startCol, offset: start });
      start = -1;
      continue;
    }
    advance();
  }
  if (start >= 0) {
    out.push({ text: script.slice(start), line: startLine, col: startCol, offset: start });
  }
  return out;
}
