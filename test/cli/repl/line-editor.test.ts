import { describe, expect, it } from 'vitest';
import * as ed from '../../../src/cli/repl/input/line-editor.js';

const at = (text: string): ed.Editor => {
  const cursor = text.indexOf('|');
  return { text: text.replace('|', ''), cursor };
};
const show = (e: ed.Editor): string => e.text.slice(0, e.cursor) + '|' + e.text.slice(e.cursor);

describe('line editor', () => {
  it('inserts and deletes around the cursor', () => {
    expect(show(ed.insert(at('sel|ect'), 'XY'))).toBe('selXY|ect');
    expect(show(ed.deleteBackward(at('ab|c')))).toBe('a|c');
    expect(show(ed.deleteBackward(at('|abc')))).toBe('|abc');
    expect(show(ed.deleteForward(at('ab|c')))).toBe('ab|');
    expect(show(ed.deleteBackward(at('a😀|')))).toBe('a|');
  });

  it('moves and deletes by word', () => {
    expect(show(ed.wordLeft(at('select * from orders|')))).toBe('select * from |orders');
    expect(show(ed.wordRight(at('|select * from')))).toBe('select| * from');
    expect(show(ed.deleteWordBackward(at('select * from ord|')))).toBe('select * from |');
    expect(show(ed.deleteWordForward(at('select |* from x')))).toBe('select | x');
  });

  it('works on the cursor line of a multi-line statement', () => {
    const e = at('select *\nfrom s|\nemit changes;');
    expect(show(ed.home(e))).toBe('select *\n|from s\nemit changes;');
    expect(show(ed.end(at('sel|ect *\nfrom s')))).toBe('select *|\nfrom s');
    expect(show(ed.killToStart(e))).toBe('select *\n|\nemit changes;');
    expect(show(ed.killToEnd(at('select *\nfr|om s')))).toBe('select *\nfr|');
    expect(show(ed.killToEnd(at('select *|\nfrom s')))).toBe('select *|from s');
  });

  it('moves between lines keeping the column, and says when there is no line', () => {
    expect(show(ed.lineUp(at('select *\nfrom s|'))!)).toBe('select| *\nfrom s');
    expect(show(ed.lineDown(at('select *|\nfrom s'))!)).toBe('select *\nfrom s|');
    expect(ed.lineUp(at('sel|ect'))).toBeUndefined();
    expect(ed.lineDown(at('sel|ect'))).toBeUndefined();
    expect(ed.position(at('a\nbc|'))).toEqual({ line: 1, col: 2 });
  });
});
