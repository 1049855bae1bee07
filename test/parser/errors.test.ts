import { describe, expect, it } from 'vitest';
import { parseExpression, parseScript, parseStatement } from '../../src/parser/parse.js';
import { parseErrorOf } from './helpers.js';

describe('syntax errors', () => {
  it('name the token found and the tokens expected, at the right line and column', () => {
    const error = parseErrorOf(() => parseScript('SHOW STREAMS;\nSELECT a, b AS c FORM t;'));
    expect(error.span).toEqual({ line: 2, col: 18, offset: 31 });
    expect(error.message).toBe("unexpected 'FORM', expected one of: ',', FROM");
    expect(error.expected).toEqual(["','", 'FROM']);
    expect(error.display).toBe("Syntax Error: unexpected 'FORM', expected one of: ',', FROM");
  });

  it('prefer keyword names to character classes', () => {
    const error = parseErrorOf(() => parseStatement('CREATE STREAM s (a INT) WITH (x=1)) x'));
    expect(error.message).toBe("unexpected ')', expected ';'");
    const missingType = parseErrorOf(() => parseStatement('CREATE STREAM s (a);'));
    expect(missingType.message).toBe(
      "unexpected ')', expected one of: ARRAY, DECIMAL, MAP, STRUCT, identifier",
    );
  });

  it('say "statement" and "expression" rather than listing every way to start one', () => {
    const error = parseErrorOf(() => parseScript('SHOW STREAMS;\nFOO BAR;'));
    expect(error.span).toEqual({ line: 2, col: 1, offset: 14 });
    expect(error.message).toBe("unexpected 'FOO', expected statement");
    expect(parseErrorOf(() => parseStatement('SELECT a, FROM s;')).message).toBe(
      "unexpected 'FROM', expected one of: '*', expression",
    );
    expect(parseErrorOf(() => parseStatement('SELECT * FROM s WHERE a = = 1;')).message).toBe(
      "unexpected '=', expected expression",
    );
  });

  it('shorten a long list of alternatives', () => {
    const error = parseErrorOf(() => parseStatement('INSERT INTO s VALUES (1, 2'));
    expect(error.message).toBe(
      "unexpected end of input, expected one of: '%', ')', '*', '+', ',', '-', '->', '/', '[', '||'",
    );
    const long = parseErrorOf(() => parseStatement('SELECT * FROM s t x'));
    expect(long.message).toMatch(/^unexpected 'x', expected one of: ('[^']+', |[A-Z]+, ){12}…$/);
  });

  it('name the end of input, strings and operators as found', () => {
    expect(parseErrorOf(() => parseStatement('SELECT * FROM')).message).toBe(
      'unexpected end of input, expected source name',
    );
    expect(parseErrorOf(() => parseStatement("SELECT * FROM 'quoted'")).message).toMatch(
      /^unexpected 'quoted', expected source name$/,
    );
    expect(parseErrorOf(() => parseExpression('a => b')).message).toMatch(/^unexpected '=>'/);
  });

  it('do not depend on the file name', () => {
    const text = 'SELECT * FROM s WHERE;';
    const withFile = parseErrorOf(() => parseScript(text, { file: 'x.sql' }));
    const without = parseErrorOf(() => parseScript(text));
    expect(withFile.message).toBe(without.message);
    expect(withFile.span).toEqual(without.span);
  });

  it('point at the token after whitespace and comments', () => {
    const error = parseErrorOf(() => parseStatement('SELECT *\n  /* c */ -- d\n   FROM;'));
    expect(error.span).toEqual({ line: 3, col: 8, offset: 31 });
  });

  it('report an unterminated string, quoted identifier or comment where it opens', () => {
    const string = parseErrorOf(() => parseStatement("SELECT 'it''s' + \n  'abc FROM s;"));
    expect(string.span).toEqual({ line: 2, col: 3, offset: 20 });
    expect(string.message).toBe("unterminated string: 'abc FROM s;");
    expect(parseErrorOf(() => parseStatement('SELECT `abc FROM s')).message).toBe(
      'unterminated quoted identifier: `abc FROM s',
    );
    const comment = parseErrorOf(() => parseStatement("SELECT a /* it's"));
    expect(comment.message).toBe("unterminated comment: /* it's");
    expect(comment.span).toMatchObject({ col: 10 });
  });
});
