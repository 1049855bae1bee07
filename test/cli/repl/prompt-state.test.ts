import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { EMPTY_CATALOG, type Catalog } from '../../../src/cli/repl/completion/catalog.js';
import { complete } from '../../../src/cli/repl/completion/complete.js';
import {
  EXIT_HINT,
  initialPrompt,
  pressKey,
  type KeyResult,
  type PromptState,
} from '../../../src/cli/repl/input/prompt-state.js';
import { BACKSPACE, ctrl, DOWN, ENTER, key, TAB, UP } from './keys.js';

const catalog: Catalog = {
  ...EMPTY_CATALOG,
  sources: [{ name: 'ORDERS', kind: 'stream', columns: ['ID', 'AMOUNT'] }],
  functions: ['UCASE', 'ABS'],
};
const completer = (text: string, cursor: number) => complete(text, cursor, catalog);

/** Types each string (one key per character) or key, returning the last result. */
function type(state: PromptState, ...keys: (string | [string, Key])[]): KeyResult {
  let result: KeyResult = { state };
  for (const k of keys) {
    const presses: [string, Key][] = typeof k === 'string' ? [...k].map((c) => [c, key()]) : [k];
    for (const [input, kk] of presses) result = pressKey(result.state, input, kk, completer);
  }
  return result;
}

describe('prompt keys', () => {
  it('runs a statement when Enter follows its semicolon, and starts a new line otherwise', () => {
    let r = type(initialPrompt([]), 'select * from orders', ENTER);
    expect(r.action).toBeUndefined();
    expect(r.state.editor.text).toBe('select * from orders\n');
    r = type(r.state, 'emit changes;', ENTER);
    expect(r.action).toEqual({ kind: 'submit', text: 'select * from orders\nemit changes;' });
    expect(r.state.editor.text).toBe('');
    expect(r.state.history).toEqual(['select * from orders\nemit changes;']);
  });

  it('runs several statements typed on one line together', () => {
    const r = type(initialPrompt([]), 'show streams; show tables;', ENTER);
    expect(r.action).toEqual({ kind: 'submit', text: 'show streams; show tables;' });
  });

  it('treats pasted text with newlines as lines entered', () => {
    const r = pressKey(initialPrompt([]), 'show streams;\r', key(), completer);
    expect(r.action).toEqual({ kind: 'submit', text: 'show streams;' });
    const partial = pressKey(initialPrompt([]), 'select *\rfrom orders\r', key(), completer);
    expect(partial.action).toBeUndefined();
    expect(partial.state.editor.text).toBe('select *\nfrom orders\n');
  });

  it('goes through history with up and down, keeping what was being typed', () => {
    let r = type(initialPrompt(['show streams;', 'show tables;']), 'sel');
    r = type(r.state, UP);
    expect(r.state.editor.text).toBe('show tables;');
    r = type(r.state, UP, UP);
    expect(r.state.editor.text).toBe('show streams;');
    r = type(r.state, DOWN, DOWN);
    expect(r.state.editor.text).toBe('sel');
  });

  it('moves between the lines of a multi-line statement before going to history', () => {
    let r = type(initialPrompt(['older;']), 'select *', ENTER, 'from x');
    r = type(r.state, UP);
    expect(r.state.editor.text).toBe('select *\nfrom x');
    expect(r.state.editor.cursor).toBe(6);
    r = type(r.state, UP);
    expect(r.state.editor.text).toBe('older;');
  });

  it('searches history backwards with Ctrl-R', () => {
    const history = [
      'select * from orders emit changes;',
      'show streams;',
      'select id from orders;',
    ];
    let r = type(initialPrompt(history), ctrl('r'), 'orders');
    expect(r.state.search?.query).toBe('orders');
    expect(r.state.editor.text).toBe('select id from orders;');
    r = type(r.state, ctrl('r'));
    expect(r.state.editor.text).toBe('select * from orders emit changes;');
    r = type(r.state, ctrl('r'));
    expect(r.state.search?.failed).toBe(true);
    r = type(r.state, BACKSPACE, BACKSPACE);
    expect(r.state.search?.query).toBe('orde');
    r = type(r.state, ENTER);
    expect(r.action).toEqual({ kind: 'submit', text: 'select id from orders;' });
  });

  it('cancels a search with Ctrl-G, back to what was typed', () => {
    const r = type(initialPrompt(['show streams;']), 'desc', ctrl('r'), 'str', ctrl('g'));
    expect(r.state.search).toBeUndefined();
    expect(r.state.editor.text).toBe('desc');
  });

  it('clears the line on Ctrl-C and hints how to leave when it was already empty', () => {
    let r = type(initialPrompt([]), 'select', ctrl('c'));
    expect(r.action).toEqual({ kind: 'interrupt', text: 'select' });
    expect(r.state.editor.text).toBe('');
    expect(r.state.hint).toBeUndefined();
    r = type(r.state, ctrl('c'));
    expect(r.state.hint).toBe(EXIT_HINT);
    r = type(r.state, 'x');
    expect(r.state.hint).toBeUndefined();
  });

  it('leaves on Ctrl-D at an empty prompt, and deletes forward otherwise', () => {
    expect(type(initialPrompt([]), ctrl('d')).action).toEqual({ kind: 'exit' });
    const r = type(initialPrompt([]), 'ab', ctrl('a'), ctrl('d'));
    expect(r.action).toBeUndefined();
    expect(r.state.editor.text).toBe('b');
  });

  it('completes with Tab: the only candidate whole, several to their common start, then a list', () => {
    let r = type(initialPrompt([]), 'select * from or', TAB);
    expect(r.state.editor.text).toBe('select * from orders ');
    r = type(r.state, 'where a', TAB);
    expect(r.state.editor.text).toBe('select * from orders where a');
    expect(r.state.candidates?.map((c) => c.text)).toEqual([
      'amount',
      'abs',
      'advance',
      'all',
      'and',
      'array',
      'as',
      'asc',
      'at',
    ]);
    r = type(r.state, 'm', TAB);
    expect(r.state.candidates).toBeUndefined();
    expect(r.state.editor.text).toBe('select * from orders where amount');
    r = type(initialPrompt([]), 'SELECT UC', TAB);
    expect(r.state.editor.text).toBe('SELECT UCASE(');
  });
});
