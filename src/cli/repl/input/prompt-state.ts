/**
 * The prompt's state and what each key does to it: line editing, history, Ctrl-R search, Tab
 * completion, and the keys that leave the prompt (Enter on a finished statement, Ctrl-C, Ctrl-D).
 * Pure: the component applies the returned state and carries out the returned action.
 */
import type { Key } from 'ink';
import { commonPrefix, type Candidate, type Completion } from '../completion/complete.js';
import * as ed from './line-editor.js';
import {
  historyNext,
  historyPrevious,
  searchAccept,
  searchBackward,
  searchCancel,
  searchErase,
  searchType,
  type HistoryState,
} from './history-search.js';
import { isBlank, isComplete } from './statement-complete.js';

export interface PromptState extends HistoryState {
  /** Candidates listed under the prompt after a Tab that could not decide. */
  readonly candidates?: readonly Candidate[];
  /** A one-off hint under the prompt, cleared by the next key. */
  readonly hint?: string;
}

export type PromptAction =
  /** Enter on a finished statement (or on nothing, to get a new prompt). */
  | { readonly kind: 'submit'; readonly text: string }
  /** Ctrl-C at the prompt: the text typed so far is dropped. */
  | { readonly kind: 'interrupt'; readonly text: string }
  | { readonly kind: 'exit' }
  | { readonly kind: 'clearScreen' };

export interface KeyResult {
  readonly state: PromptState;
  readonly action?: PromptAction;
}

export type Completer = (text: string, cursor: number) => Completion;

export const EXIT_HINT = 'To leave, press Ctrl-D or type exit.';

export function initialPrompt(history: readonly string[]): PromptState {
  return { editor: ed.EMPTY, history, historyIndex: history.length, draft: ed.EMPTY };
}

/** After a statement is taken: an empty prompt, with the statement at the end of the history. */
function afterSubmit(s: PromptState, text: string): PromptState {
  const entry = text.trim();
  const history =
    isBlank(entry) || s.history[s.history.length - 1] === entry ? s.history : [...s.history, entry];
  return initialPrompt(history);
}

function enter(s: PromptState): KeyResult {
  const text = s.editor.text;
  if (isBlank(text) || isComplete(text)) {
    return { state: afterSubmit(s, text), action: { kind: 'submit', text } };
  }
  return { state: { ...s, editor: ed.insert(s.editor, '\n') } };
}

function edit(s: PromptState, editor: ed.Editor): KeyResult {
  return { state: { ...s, editor } };
}

function tab(s: PromptState, complete: Completer): KeyResult {
  const { start, prefix, candidates } = complete(s.editor.text, s.editor.cursor);
  if (candidates.length === 0) return { state: s };
  const replace = (text: string): ed.Editor =>
    ed.insert(
      { text: s.editor.text.slice(0, start) + s.editor.text.slice(s.editor.cursor), cursor: start },
      text,
    );
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const next = s.editor.text[s.editor.cursor];
    const suffix = next === undefined || !next.startsWith(only.suffix) ? only.suffix : '';
    return { state: { ...s, editor: replace(only.text + suffix) } };
  }
  const common = commonPrefix(candidates);
  if (common.length > prefix.length) return { state: { ...s, editor: replace(common) } };
  return { state: { ...s, candidates } };
}

/** Text that arrived in one piece (typed fast or pasted); newlines act as Enter. */
function paste(s: PromptState, input: string): KeyResult {
  const text = input.replace(/\r\n?/g, '\n');
  const endsLine = text.endsWith('\n');
  const state = { ...s, editor: ed.insert(s.editor, endsLine ? text.slice(0, -1) : text) };
  return endsLine ? enter(state) : { state };
}

function searchKey(s: PromptState, input: string, key: Key): KeyResult {
  if (key.ctrl && input === 'r') return { state: searchBackward(s) };
  if (key.ctrl && (input === 'g' || input === 'c')) return { state: searchCancel(s) };
  if (key.return) return enter(searchAccept(s));
  if (key.backspace || key.delete) return { state: searchErase(s) };
  if (input !== '' && !key.ctrl && !key.meta && !key.tab) return { state: searchType(s, input) };
  // Any other key ends the search, keeping the entry found, and then does what it does.
  return pressKeyOutsideSearch(searchAccept(s), input, key, undefined);
}

export function pressKey(
  state: PromptState,
  input: string,
  key: Key,
  complete: Completer,
): KeyResult {
  const s: PromptState = {
    ...state,
    candidates: key.tab ? state.candidates : undefined,
    hint: undefined,
  };
  if (s.search) return searchKey(s, input, key);
  return pressKeyOutsideSearch(s, input, key, complete);
}

function pressKeyOutsideSearch(
  s: PromptState,
  input: string,
  key: Key,
  complete: Completer | undefined,
): KeyResult {
  const e = s.editor;
  if (key.ctrl) {
    switch (input) {
      case 'c':
        return {
          state: { ...initialPrompt(s.history), hint: e.text === '' ? EXIT_HINT : undefined },
          action: { kind: 'interrupt', text: e.text },
        };
      case 'd':
        return e.text === ''
          ? { state: s, action: { kind: 'exit' } }
          : edit(s, ed.deleteForward(e));
      case 'a':
        return edit(s, ed.home(e));
      case 'e':
        return edit(s, ed.end(e));
      case 'b':
        return edit(s, ed.left(e));
      case 'f':
        return edit(s, ed.right(e));
      case 'k':
        return edit(s, ed.killToEnd(e));
      case 'u':
        return edit(s, ed.killToStart(e));
      case 'w':
        return edit(s, ed.deleteWordBackward(e));
      case 'h':
        return edit(s, ed.deleteBackward(e));
      case 'p':
        return { state: historyPrevious(s) };
      case 'n':
        return { state: historyNext(s) };
      case 'r':
        return { state: searchBackward(s) };
      case 'l':
        return { state: s, action: { kind: 'clearScreen' } };
    }
  }
  if (key.return) return key.meta ? edit(s, ed.insert(e, '\n')) : enter(s);
  if (key.tab) return complete && !key.shift ? tab(s, complete) : { state: s };
  if (key.upArrow) {
    const up = ed.lineUp(e);
    return up ? edit(s, up) : { state: historyPrevious(s) };
  }
  if (key.downArrow) {
    const down = ed.lineDown(e);
    return down ? edit(s, down) : { state: historyNext(s) };
  }
  if (key.leftArrow) return edit(s, key.ctrl || key.meta ? ed.wordLeft(e) : ed.left(e));
  if (key.rightArrow) return edit(s, key.ctrl || key.meta ? ed.wordRight(e) : ed.right(e));
  if (key.home) return edit(s, ed.home(e));
  if (key.end) return edit(s, ed.end(e));
  // Terminals send DEL (0x7f) for Backspace, which ink reports as `delete`.
  if (key.backspace || key.delete)
    return edit(s, key.meta ? ed.deleteWordBackward(e) : ed.deleteBackward(e));
  if (key.escape) return { state: s };
  if (key.meta && !key.ctrl) {
    if (input === 'b') return edit(s, ed.wordLeft(e));
    if (input === 'f') return edit(s, ed.wordRight(e));
    if (input === 'd') return edit(s, ed.deleteWordForward(e));
    return { state: s };
  }
  if (key.ctrl || input === '') return { state: s };
  if (input.length > 1 || input.includes('\n') || input.includes('\r')) return paste(s, input);
  return edit(s, ed.insert(e, input));
}

/** True when `text` is what Enter would run now. */
export function wouldSubmit(text: string): boolean {
  return isBlank(text) || isComplete(text);
}
