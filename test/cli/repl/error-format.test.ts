import { describe, expect, it } from 'vitest';
import { AnalysisError, ParseError } from '../../../src/common/errors.js';
import { ScriptError } from '../../../src/engine/engine.js';
import { formatError } from '../../../src/cli/repl/format/error-format.js';
import { plain } from './helpers.js';

describe('error display', () => {
  it('shows the line with a caret under the token and what was expected', () => {
    const script = 'SELECT *\nFRM s EMIT CHANGES;';
    const cause = new ParseError(
      "unexpected 'FRM', expected one of: ',', FROM",
      { line: 2, col: 1, offset: 9 },
      ["','", 'FROM'],
    );
    expect(formatError(new ScriptError(cause, 2, 1), script, plain)).toEqual([
      "Syntax Error: unexpected 'FRM', expected one of: ',', FROM",
      '  ┌─ line 2, column 1',
      '1 │ SELECT *',
      '2 │ FRM s EMIT CHANGES;',
      '  │ ^^^',
    ]);
  });

  it('keeps the caret on screen in long lines', () => {
    const script = `SELECT ${'a, '.repeat(60)}bogus FROM s;`;
    const col = script.indexOf('bogus') + 1;
    const lines = formatError(
      new ScriptError(new AnalysisError('unknown column BOGUS'), 1, col),
      script,
      plain,
      60,
    );
    const source = lines[2]!;
    const caret = lines[3]!;
    expect(source.startsWith('1 │ …')).toBe(true);
    expect(source.length).toBeLessThanOrEqual(60);
    expect(source.slice(caret.indexOf('^'), caret.indexOf('^') + 5)).toBe('bogus');
  });

  it('shows other errors as their message', () => {
    expect(formatError(new Error('disk full'), '', plain)).toEqual(['disk full']);
  });
});
