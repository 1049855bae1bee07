import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeEntry,
  encodeEntry,
  HistoryFile,
} from '../../../src/cli/repl/history/history-file.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

describe('history file', () => {
  it('starts empty, appends entries and reads them back, multi-line ones whole', () => {
    const path = join(tempDir(), 'sub', '.streamsql_history');
    const history = HistoryFile.load(path);
    expect(history.entries).toEqual([]);
    history.add('show streams;');
    history.add('show streams;');
    history.add('select *\nfrom s\nemit changes;');
    history.add('   ');
    expect(history.entries).toEqual(['show streams;', 'select *\nfrom s\nemit changes;']);
    expect(readFileSync(path, 'utf8')).toBe('show streams;\n"select *\\nfrom s\\nemit changes;"\n');
    expect(HistoryFile.load(path).entries).toEqual(history.entries);
  });

  it('keeps the newest entries when the file grows too long', () => {
    const path = join(tempDir(), 'h');
    writeFileSync(path, Array.from({ length: 10 }, (_, i) => `q${i};\n`).join(''));
    const history = HistoryFile.load(path, 4);
    expect(history.entries).toEqual(['q6;', 'q7;', 'q8;', 'q9;']);
    expect(readFileSync(path, 'utf8')).toBe('q6;\nq7;\nq8;\nq9;\n');
  });

  it('encodes only what needs it', () => {
    expect(encodeEntry('show streams;')).toBe('show streams;');
    expect(encodeEntry('"quoted" id;')).toBe('"\\"quoted\\" id;"');
    expect(decodeEntry(encodeEntry('"quoted" id;'))).toBe('"quoted" id;');
    expect(decodeEntry('"not json')).toBe('"not json');
  });

  it('keeps history in memory when there is no file', () => {
    const history = HistoryFile.load(undefined);
    history.add('x;');
    expect(history.entries).toEqual(['x;']);
  });
});
