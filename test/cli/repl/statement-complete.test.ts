import { describe, expect, it } from 'vitest';
import {
  isBlank,
  isComplete,
  shellCommand,
} from '../../../src/cli/repl/input/statement-complete.js';

describe('statement completeness', () => {
  it('is complete at a semicolon outside quotes and comments', () => {
    expect(isComplete('SELECT * FROM s EMIT CHANGES;')).toBe(true);
    expect(isComplete('SELECT * FROM s\nEMIT CHANGES;  -- watch')).toBe(true);
    expect(isComplete('SHOW STREAMS; SHOW TABLES;')).toBe(true);
    expect(isComplete('SELECT * FROM s')).toBe(false);
    expect(isComplete("INSERT INTO s VALUES ('a;")).toBe(false);
    expect(isComplete("INSERT INTO s VALUES ('it''s;');")).toBe(true);
    expect(isComplete('SELECT `x;` FROM s')).toBe(false);
    expect(isComplete('SELECT 1 /* ; */')).toBe(false);
    expect(isComplete('SELECT 1; /* unfinished')).toBe(false);
  });

  it('knows the shell commands, which need no semicolon', () => {
    expect(shellCommand(' EXIT ')).toBe('exit');
    expect(shellCommand('quit;')).toBe('exit');
    expect(shellCommand('help')).toBe('help');
    expect(shellCommand('clear')).toBe('clear');
    expect(shellCommand('exit now')).toBeUndefined();
    expect(isComplete('exit')).toBe(true);
  });

  it('treats whitespace and comments as blank', () => {
    expect(isBlank('  \n -- nothing\n')).toBe(true);
    expect(isBlank('/* x */')).toBe(true);
    expect(isBlank('s')).toBe(false);
  });
});
