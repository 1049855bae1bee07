/**
 * The REPL's history, kept in `~/.streamsql_history` (or $STREAMSQL_HISTORY): one entry per line,
 * oldest first. An entry that spans lines (or starts with `"`) is written as a JSON string, so the
 * file stays readable for the common one-line statement and multi-line statements come back whole.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const MAX_HISTORY = 2000;

export function defaultHistoryPath(): string {
  return process.env.STREAMSQL_HISTORY ?? join(homedir(), '.streamsql_history');
}

export function encodeEntry(entry: string): string {
  return entry.includes('\n') || entry.includes('\r') || entry.startsWith('"')
    ? JSON.stringify(entry)
    : entry;
}

export function decodeEntry(line: string): string {
  if (!line.startsWith('"')) return line;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value : line;
  } catch {
    return line;
  }
}

/** The entries of a history file and appending to it; I/O errors only disable saving. */
export class HistoryFile {
  private constructor(
    readonly path: string | undefined,
    private readonly list: string[],
  ) {}

  /** Reads the file (a missing file is an empty history); `undefined` keeps history in memory. */
  static load(path: string | undefined, max = MAX_HISTORY): HistoryFile {
    if (path === undefined) return new HistoryFile(undefined, []);
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
    } catch {
      // No history yet.
    }
    const entries = lines.map(decodeEntry);
    const file = new HistoryFile(path, entries.slice(-max));
    if (entries.length > max) file.rewrite();
    return file;
  }

  get entries(): readonly string[] {
    return this.list;
  }

  /** Adds an entry unless it repeats the last one. */
  add(entry: string): void {
    const text = entry.trim();
    if (text === '' || this.list[this.list.length - 1] === text) return;
    this.list.push(text);
    if (this.path === undefined) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${encodeEntry(text)}\n`, { mode: 0o600 });
    } catch {
      // A read-only home keeps history for this session only.
    }
  }

  private rewrite(): void {
    try {
      writeFileSync(this.path!, this.list.map((e) => `${encodeEntry(e)}\n`).join(''), {
        mode: 0o600,
      });
    } catch {
      // Keep the longer file.
    }
  }
}
