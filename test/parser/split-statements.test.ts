import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/parser/split-statements.js';

describe('splitStatements', () => {
  it('splits at semicolons outside quotes and comments, keeping positions', () => {
    const script =
      "SET 'a'='b;c';\n-- a comment; still a comment\nSELECT `x;y` FROM s /* ; */ EMIT CHANGES;\n  DROP STREAM s;";
    const parts = splitStatements(script);
    expect(parts.map((p) => p.text)).toEqual([
      "SET 'a'='b;c';",
      'SELECT `x;y` FROM s /* ; */ EMIT CHANGES;',
      'DROP STREAM s;',
    ]);
    expect(parts.map((p) => [p.line, p.col])).toEqual([
      [1, 1],
      [3, 1],
      [4, 3],
    ]);
  });

  it('keeps a final statement without a semicolon and handles doubled quotes', () => {
    const parts = splitStatements("INSERT INTO s VALUES ('it''s; fine')");
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toBe("INSERT INTO s VALUES ('it''s; fine')");
  });

  it('returns nothing for comments and blank lines only', () => {
    expect(splitStatements('-- nothing\n\n/* here */\n')).toEqual([]);
  });
});
