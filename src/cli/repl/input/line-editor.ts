/**
 * The text being typed at the prompt and its cursor, with the editing operations of a readline
 * shell (Emacs keys). The text may span several lines: a statement is edited whole until its `;`.
 * Every operation returns a new value.
 */

export interface Editor {
  readonly text: string;
  /** Offset into `text`, 0..text.length. */
  readonly cursor: number;
}

export const EMPTY: Editor = { text: '', cursor: 0 };

export const editorOf = (text: string, cursor = text.length): Editor => ({ text, cursor });

export function insert(e: Editor, s: string): Editor {
  return {
    text: e.text.slice(0, e.cursor) + s + e.text.slice(e.cursor),
    cursor: e.cursor + s.length,
  };
}

export function deleteBackward(e: Editor): Editor {
  if (e.cursor === 0) return e;
  const step = isLowSurrogate(e.text.charCodeAt(e.cursor - 1)) && e.cursor > 1 ? 2 : 1;
  return {
    text: e.text.slice(0, e.cursor - step) + e.text.slice(e.cursor),
    cursor: e.cursor - step,
  };
}

export function deleteForward(e: Editor): Editor {
  if (e.cursor >= e.text.length) return e;
  const step = isHighSurrogate(e.text.charCodeAt(e.cursor)) ? 2 : 1;
  return { text: e.text.slice(0, e.cursor) + e.text.slice(e.cursor + step), cursor: e.cursor };
}

export function left(e: Editor): Editor {
  if (e.cursor === 0) return e;
  const step = isLowSurrogate(e.text.charCodeAt(e.cursor - 1)) && e.cursor > 1 ? 2 : 1;
  return { ...e, cursor: e.cursor - step };
}

export function right(e: Editor): Editor {
  if (e.cursor >= e.text.length) return e;
  const step = isHighSurrogate(e.text.charCodeAt(e.cursor)) ? 2 : 1;
  return { ...e, cursor: e.cursor + step };
}

const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWord(text[i - 1])) i--;
  while (i > 0 && isWord(text[i - 1])) i--;
  return i;
}

function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWord(text[i])) i++;
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

export const wordLeft = (e: Editor): Editor => ({
  ...e,
  cursor: wordStartBefore(e.text, e.cursor),
});

export const wordRight = (e: Editor): Editor => ({ ...e, cursor: wordEndAfter(e.text, e.cursor) });

/** Ctrl-W: deletes the word before the cursor. */
export function deleteWordBackward(e: Editor): Editor {
  const start = wordStartBefore(e.text, e.cursor);
  return { text: e.text.slice(0, start) + e.text.slice(e.cursor), cursor: start };
}

/** Alt-D: deletes the word after the cursor. */
export function deleteWordForward(e: Editor): Editor {
  const end = wordEndAfter(e.text, e.cursor);
  return { text: e.text.slice(0, e.cursor) + e.text.slice(end), cursor: e.cursor };
}

function lineStart(text: string, cursor: number): number {
  return text.lastIndexOf('\n', cursor - 1) + 1;
}

function lineEnd(text: string, cursor: number): number {
  const nl = text.indexOf('\n', cursor);
  return nl < 0 ? text.length : nl;
}

export const home = (e: Editor): Editor => ({ ...e, cursor: lineStart(e.text, e.cursor) });

export const end = (e: Editor): Editor => ({ ...e, cursor: lineEnd(e.text, e.cursor) });

/** Ctrl-K: deletes to the end of the line (or joins the next line when at its end). */
export function killToEnd(e: Editor): Editor {
  const stop = lineEnd(e.text, e.cursor);
  const to = stop === e.cursor && stop < e.text.length ? stop + 1 : stop;
  return { text: e.text.slice(0, e.cursor) + e.text.slice(to), cursor: e.cursor };
}

/** Ctrl-U: deletes from the start of the line to the cursor. */
export function killToStart(e: Editor): Editor {
  const start = lineStart(e.text, e.cursor);
  return { text: e.text.slice(0, start) + e.text.slice(e.cursor), cursor: start };
}

/** Moves to the line above, keeping the column where it can; undefined on the first line. */
export function lineUp(e: Editor): Editor | undefined {
  const start = lineStart(e.text, e.cursor);
  if (start === 0) return undefined;
  const column = e.cursor - start;
  const prevStart = lineStart(e.text, start - 1);
  return { ...e, cursor: Math.min(prevStart + column, start - 1) };
}

/** Moves to the line below, keeping the column where it can; undefined on the last line. */
export function lineDown(e: Editor): Editor | undefined {
  const stop = lineEnd(e.text, e.cursor);
  if (stop >= e.text.length) return undefined;
  const column = e.cursor - lineStart(e.text, e.cursor);
  return { ...e, cursor: Math.min(stop + 1 + column, lineEnd(e.text, stop + 1)) };
}

/** The cursor's line and column (both 0-based). */
export function position(e: Editor): { line: number; col: number } {
  const before = e.text.slice(0, e.cursor);
  const line = before.split('\n').length - 1;
  return { line, col: e.cursor - lineStart(e.text, e.cursor) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
