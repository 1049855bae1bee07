/**
 * Moving through history with up/down (the statement being typed is kept as a draft) and Ctrl-R
 * reverse incremental search, as in bash.
 */
import { editorOf, type Editor } from './line-editor.js';

export interface HistoryState {
  readonly editor: Editor;
  readonly history: readonly string[];
  /** The history entry shown; `history.length` when showing the draft. */
  readonly historyIndex: number;
  /** What was typed before moving into history. */
  readonly draft: Editor;
  readonly search?: SearchState;
}

export interface SearchState {
  readonly query: string;
  /** Index of the entry found, if any. */
  readonly match: number | undefined;
  readonly failed: boolean;
  /** The editor before the search started, restored on cancel. */
  readonly original: Editor;
}

export function historyPrevious<S extends HistoryState>(s: S): S {
  if (s.historyIndex === 0 || s.history.length === 0) return s;
  const draft = s.historyIndex === s.history.length ? s.editor : s.draft;
  const index = s.historyIndex - 1;
  return { ...s, draft, historyIndex: index, editor: editorOf(s.history[index]!) };
}

export function historyNext<S extends HistoryState>(s: S): S {
  if (s.historyIndex >= s.history.length) return s;
  const index = s.historyIndex + 1;
  const editor = index === s.history.length ? s.draft : editorOf(s.history[index]!);
  return { ...s, historyIndex: index, editor };
}

/** The newest entry at or before `from` that contains `query` (ignoring case). */
function find(history: readonly string[], query: string, from: number): number | undefined {
  const q = query.toLowerCase();
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) {
    if (history[i]!.toLowerCase().includes(q)) return i;
  }
  return undefined;
}

function show<S extends HistoryState>(s: S, search: SearchState): S {
  const text = search.match === undefined ? '' : s.history[search.match]!;
  const at =
    search.match === undefined ? 0 : text.toLowerCase().indexOf(search.query.toLowerCase());
  return {
    ...s,
    search,
    editor: search.match === undefined ? s.editor : editorOf(text, Math.max(0, at)),
  };
}

/** Ctrl-R: starts a search, or finds the next older match of the current one. */
export function searchBackward<S extends HistoryState>(s: S): S {
  if (!s.search) {
    return { ...s, search: { query: '', match: undefined, failed: false, original: s.editor } };
  }
  const { query, match } = s.search;
  if (query === '') return s;
  const next = find(s.history, query, (match ?? s.history.length) - 1);
  return next === undefined
    ? { ...s, search: { ...s.search, failed: true } }
    : show(s, { ...s.search, match: next, failed: false });
}

export function searchType<S extends HistoryState>(s: S, text: string): S {
  if (!s.search) return s;
  const query = s.search.query + text;
  const match = find(s.history, query, s.search.match ?? s.history.length - 1);
  return match === undefined
    ? { ...s, search: { ...s.search, query, failed: true } }
    : show(s, { ...s.search, query, match, failed: false });
}

export function searchErase<S extends HistoryState>(s: S): S {
  if (!s.search) return s;
  const query = s.search.query.slice(0, -1);
  if (query === '')
    return {
      ...s,
      editor: s.search.original,
      search: { ...s.search, query, match: undefined, failed: false },
    };
  const match = find(s.history, query, s.history.length - 1);
  return match === undefined
    ? { ...s, search: { ...s.search, query, failed: true } }
    : show(s, { ...s.search, query, match, failed: false });
}

/** Ends the search keeping the entry found (for editing or running). */
export function searchAccept<S extends HistoryState>(s: S): S {
  if (!s.search) return s;
  const index = s.search.match ?? s.historyIndex;
  const draft = s.historyIndex === s.history.length ? s.search.original : s.draft;
  return { ...s, search: undefined, historyIndex: index, draft, editor: editorOf(s.editor.text) };
}

/** Ends the search, back to what was typed before it. */
export function searchCancel<S extends HistoryState>(s: S): S {
  if (!s.search) return s;
  return { ...s, search: undefined, editor: s.search.original };
}
