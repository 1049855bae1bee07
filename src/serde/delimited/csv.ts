/**
 * CSV as Apache commons-csv 1.4 reads and writes it with `CSVFormat.DEFAULT.withDelimiter(d)`, the
 * format ksqlDB's DELIMITED uses: `"` quotes with doubled quotes inside, CR, LF or CRLF end a
 * record, empty lines are skipped, and a value is quoted on output only where commons-csv's
 * MINIMAL policy says so (including its rule that quotes a record's first value when it does not
 * start with a letter or digit, so `-1` is written `"-1"` at the start of a record).
 */

/** Text that commons-csv refuses to parse; the message is commons-csv's. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMENT = 35;
const SPACE = 32;

/** Parses every record of `text` (commons-csv parses them all) and returns them. */
export function parseCsv(text: string, delimiter: string): string[][] {
  return new CsvLexer(text, delimiter.charCodeAt(0)).records();
}

class CsvLexer {
  private pos = 0;
  private eolCount = 0;
  private last = -2;

  constructor(
    private readonly s: string,
    private readonly delim: number,
  ) {}

  records(): string[][] {
    const out: string[][] = [];
    while (true) {
      const record = this.record();
      if (record === null) return out;
      out.push(record);
    }
  }

  private record(): string[] | null {
    this.skipEmptyLines();
    if (this.pos >= this.s.length) return null;
    const values: string[] = [];
    while (true) {
      const c = this.s.charCodeAt(this.pos);
      const end = c === QUOTE ? this.quoted() : this.simple();
      values.push(end.value);
      if (end.kind !== 'delimiter') return values;
    }
  }

  private skipEmptyLines(): void {
    while (this.pos < this.s.length && this.isStartOfLine()) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== CR && c !== LF) return;
      this.read();
      this.consumeEndOfLine(c);
    }
  }

  private isStartOfLine(): boolean {
    return this.last === -2 || this.last === CR || this.last === LF;
  }

  private simple(): { value: string; kind: 'delimiter' | 'end' } {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === this.delim) {
        const value = this.s.slice(start, this.pos);
        this.read();
        return { value, kind: 'delimiter' };
      }
      if (c === CR || c === LF) {
        const value = this.s.slice(start, this.pos);
        this.read();
        this.consumeEndOfLine(c);
        return { value, kind: 'end' };
      }
      this.read();
    }
    return { value: this.s.slice(start), kind: 'end' };
  }

  private quoted(): { value: string; kind: 'delimiter' | 'end' } {
    this.read();
    const startLine = this.lineNumber();
    let value = '';
    let chunk = this.pos;
    while (true) {
      if (this.pos >= this.s.length) {
        throw new CsvError(
          `(startline ${startLine}) EOF reached before encapsulated token finished`,
        );
      }
      if (this.read() !== QUOTE) continue;
      value += this.s.slice(chunk, this.pos - 1);
      if (this.s.charCodeAt(this.pos) !== QUOTE) return { value, kind: this.afterQuoted() };
      value += '"';
      this.read();
      chunk = this.pos;
    }
  }

  private afterQuoted(): 'delimiter' | 'end' {
    while (true) {
      if (this.pos >= this.s.length) return 'end';
      const c = this.read();
      if (c === this.delim) return 'delimiter';
      if (c === CR || c === LF) {
        this.consumeEndOfLine(c);
        return 'end';
      }
      if (!isJavaWhitespace(c)) {
        throw new CsvError(
          `(line ${this.lineNumber()}) invalid char between encapsulated token and delimiter`,
        );
      }
    }
  }

  private read(): number {
    const c = this.s.charCodeAt(this.pos++);
    if (c === CR || (c === LF && this.last !== CR)) this.eolCount++;
    this.last = c;
    return c;
  }

  private consumeEndOfLine(c: number): void {
    if (c === CR && this.s.charCodeAt(this.pos) === LF) this.read();
  }

  private lineNumber(): number {
    const atLineStart = this.last === CR || this.last === LF || this.last === -2;
    return atLineStart ? this.eolCount : this.eolCount + 1;
  }
}

/** Java's Character.isWhitespace. */
function isJavaWhitespace(c: number): boolean {
  if (c <= SPACE) return c === SPACE || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x2006) ||
    (c >= 0x2008 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * One value as commons-csv's MINIMAL quote policy prints it; null prints as nothing. `first` is
 * whether the value starts its record.
 */
export function printCsvValue(value: string | null, first: boolean, delimiter: string): string {
  if (value === null) return '';
  return needsQuotes(value, first, delimiter.charCodeAt(0))
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

function needsQuotes(value: string, first: boolean, delim: number): boolean {
  if (value.length === 0) return first;
  const c = value.charCodeAt(0);
  if (first && !isAsciiAlphanumeric(c)) return true;
  if (c <= COMMENT) return true;
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i);
    if (d === LF || d === CR || d === QUOTE || d === delim) return true;
  }
  return value.charCodeAt(value.length - 1) <= SPACE;
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
