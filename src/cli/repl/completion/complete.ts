/**
 * Tab completion: what may come at the cursor, from the words before it in the current statement.
 * After FROM/JOIN/INTO/DESCRIBE a source, after PRINT or inside `KAFKA_TOPIC='` a topic, after
 * TERMINATE/EXPLAIN a query id, after `alias.` that source's columns, inside `${` a variable;
 * elsewhere the columns of the sources the statement names, sources, functions and keywords.
 * Candidates follow the case the user types in.
 */
import type { Catalog, CatalogSource } from './catalog.js';
import { DESCRIBE_TARGETS, FORMATS, KEYWORDS, SHOW_TARGETS } from './keywords.js';

export type CandidateKind =
  'column' | 'stream' | 'table' | 'topic' | 'function' | 'query' | 'variable' | 'keyword';

export interface Candidate {
  readonly text: string;
  readonly kind: CandidateKind;
  /** Appended when this candidate is the only one: `(` after a function, a space after a word. */
  readonly suffix: string;
}

export interface Completion {
  /** The text [start, cursor) is what the candidates replace. */
  readonly start: number;
  readonly prefix: string;
  readonly candidates: readonly Candidate[];
}

const STATEMENT_STARTS = [
  ...[
    'ALTER',
    'ASSERT',
    'CREATE',
    'DEFINE',
    'DESCRIBE',
    'DROP',
    'EXPLAIN',
    'INSERT',
    'LIST',
    'PAUSE',
  ],
  ...['PRINT', 'RESUME', 'RUN', 'SELECT', 'SET', 'SHOW', 'TERMINATE', 'UNDEFINE', 'UNSET'],
];

const KIND_ORDER: readonly CandidateKind[] = [
  'variable',
  'column',
  'stream',
  'table',
  'topic',
  'query',
  'function',
  'keyword',
];

interface Scan {
  /** Offset where the statement around the cursor starts. */
  readonly statementStart: number;
  /** The quote the cursor is inside, and where it opened. */
  readonly quote?: { readonly char: string; readonly at: number };
}

function scan(before: string): Scan {
  let statementStart = 0;
  let i = 0;
  while (i < before.length) {
    const ch = before[i]!;
    if (ch === '-' && before[i + 1] === '-') {
      const nl = before.indexOf('\n', i);
      if (nl < 0) return { statementStart, quote: { char: '-', at: i } };
      i = nl + 1;
      continue;
    }
    if (ch === "'" || ch === '`' || ch === '"') {
      const close = before.indexOf(ch, i + 1);
      if (close < 0) return { statementStart, quote: { char: ch, at: i } };
      i = close + 1;
      continue;
    }
    if (ch === ';') statementStart = i + 1;
    i++;
  }
  return { statementStart };
}

/** Words of the statement before the cursor, string literals left out. */
function words(statement: string): string[] {
  return statement.replace(/'(?:[^']|'')*'/g, ' ').match(/[A-Za-z_][A-Za-z0-9_]*|`[^`]*`/g) ?? [];
}

const plainIdentifier = (name: string): boolean => /^[A-Z_][A-Z0-9_]*$/.test(name);

function identifier(name: string, lower: boolean): string {
  if (!plainIdentifier(name)) return `\`${name.replace(/`/g, '``')}\``;
  return lower ? name.toLowerCase() : name;
}

/** Sources named in the statement, and the aliases given to them. */
function sourcesInStatement(
  statementWords: readonly string[],
  catalog: Catalog,
): Map<string, CatalogSource> {
  const byName = new Map(catalog.sources.map((s) => [s.name.toUpperCase(), s]));
  const found = new Map<string, CatalogSource>();
  statementWords.forEach((w, i) => {
    const source = byName.get(w.replace(/`/g, '').toUpperCase());
    if (!source) return;
    found.set(source.name.toUpperCase(), source);
    let next = statementWords[i + 1]?.toUpperCase();
    let alias = statementWords[i + 1];
    if (next === 'AS') {
      alias = statementWords[i + 2];
      next = alias?.toUpperCase();
    }
    const reserved = [
      'WHERE',
      'JOIN',
      'LEFT',
      'INNER',
      'FULL',
      'RIGHT',
      'ON',
      'EMIT',
      'GROUP',
      'WINDOW',
    ];
    if (alias && next && !reserved.includes(next) && !KEYWORDS.includes(next))
      found.set(next, source);
  });
  return found;
}

export function complete(text: string, cursor: number, catalog: Catalog): Completion {
  const before = text.slice(0, cursor);
  const { statementStart, quote } = scan(before);
  const statement = before.slice(statementStart);
  const variable = /\$\{([A-Za-z0-9_]*)$/.exec(before);
  if (variable) {
    const prefix = variable[1]!;
    const candidates = catalog.variables.map((v) => ({
      text: v,
      kind: 'variable' as const,
      suffix: '}',
    }));
    return finish(cursor - prefix.length, prefix, candidates);
  }
  if (quote) return completeQuoted(before, quote, catalog);
  const qualified = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/.exec(statement);
  const all = words(statement);
  // Sources may be named after the cursor (`SELECT | FROM s`): look at the whole statement.
  const after = text.slice(cursor);
  const whole = words(
    statement + after.slice(0, after.includes(';') ? after.indexOf(';') : after.length),
  );
  const typed = qualified ? qualified[2]! : /[A-Za-z0-9_]*$/.exec(statement)![0];
  const lower = /[A-Za-z]/.test(typed) ? typed === typed.toLowerCase() : lowerCaseUser(all);
  if (qualified) {
    const source = sourcesInStatement(whole, catalog).get(qualified[1]!.toUpperCase());
    const prefix = qualified[2]!;
    const columns = (source?.columns ?? []).map((c) => ({
      text: identifier(c, lower),
      kind: 'column' as const,
      suffix: '',
    }));
    return finish(cursor - prefix.length, prefix, columns);
  }
  const prefix = typed;
  const previous = all
    .slice(0, prefix === '' ? all.length : all.length - 1)
    .map((w) => w.toUpperCase());
  const last = previous[previous.length - 1];
  const secondLast = previous[previous.length - 2];
  const kw = (list: readonly string[]): Candidate[] =>
    list.map((k) => ({ text: lower ? k.toLowerCase() : k, kind: 'keyword', suffix: ' ' }));
  const sources = (kind?: 'stream' | 'table'): Candidate[] =>
    catalog.sources
      .filter((s) => kind === undefined || s.kind === kind)
      .map((s) => ({ text: identifier(s.name, lower), kind: s.kind, suffix: ' ' }));
  const functions = (): Candidate[] =>
    catalog.functions.map((f) => ({
      text: lower ? f.toLowerCase() : f,
      kind: 'function',
      suffix: '(',
    }));
  const topics = (): Candidate[] =>
    catalog.topics.map((t) => ({ text: t, kind: 'topic', suffix: ' ' }));
  const queries = (): Candidate[] =>
    catalog.queryIds.map((q) => ({ text: q, kind: 'query', suffix: '' }));
  const start = cursor - prefix.length;

  if (last === undefined) return finish(start, prefix, kw(STATEMENT_STARTS));
  if (last === 'FROM' || last === 'JOIN' || last === 'INTO')
    return finish(start, prefix, sources());
  if (last === 'DESCRIBE') return finish(start, prefix, [...sources(), ...kw(DESCRIBE_TARGETS)]);
  if (last === 'EXTENDED' && secondLast === 'DESCRIBE') return finish(start, prefix, sources());
  if (last === 'FUNCTION' && secondLast === 'DESCRIBE') return finish(start, prefix, functions());
  if ((last === 'STREAM' || last === 'TABLE' || last === 'EXISTS') && previous.includes('DROP')) {
    const kind = previous.includes('STREAM') ? 'stream' : 'table';
    return finish(start, prefix, [...sources(kind), ...(last === 'EXISTS' ? [] : kw(['IF']))]);
  }
  if (last === 'PRINT') return finish(start, prefix, topics());
  if (last === 'TERMINATE') return finish(start, prefix, [...queries(), ...kw(['ALL'])]);
  if (last === 'EXPLAIN')
    return finish(start, prefix, [...queries(), ...kw(['SELECT', 'CREATE', 'INSERT'])]);
  if (last === 'SHOW' || last === 'LIST') return finish(start, prefix, kw(SHOW_TARGETS));
  if (prefix === '' && previous.length > 0 && !/[\s(,]$/.test(statement))
    return finish(start, prefix, []);
  const columns = [...new Set([...sourcesInStatement(whole, catalog).values()])].flatMap((s) =>
    s.columns.map((c) => ({ text: identifier(c, lower), kind: 'column' as const, suffix: '' })),
  );
  const clauses = KEYWORDS.filter((k) => k === 'SELECT' || !STATEMENT_STARTS.includes(k));
  return finish(start, prefix, [...columns, ...sources(), ...functions(), ...kw(clauses)]);
}

function completeQuoted(
  before: string,
  quote: { char: string; at: number },
  catalog: Catalog,
): Completion {
  const prefix = before.slice(quote.at + 1);
  const start = quote.at + 1;
  if (quote.char !== "'") return finish(start, prefix, []);
  const lead = before.slice(0, quote.at);
  const closing = { suffix: "'" };
  if (/(KAFKA_TOPIC|TOPIC)\s*=\s*$/i.test(lead) || /PRINT\s+$/i.test(lead)) {
    return finish(
      start,
      prefix,
      catalog.topics.map((t) => ({ text: t, kind: 'topic', ...closing })),
    );
  }
  if (/FORMAT\s*=\s*$/i.test(lead)) {
    return finish(
      start,
      prefix,
      FORMATS.map((f) => ({ text: f, kind: 'keyword', ...closing })),
    );
  }
  return finish(start, prefix, []);
}

/** Whether the user writes SQL in lower case, judged from the last keyword they typed. */
function lowerCaseUser(statementWords: readonly string[]): boolean {
  for (let i = statementWords.length - 1; i >= 0; i--) {
    const w = statementWords[i]!;
    if (!/[A-Za-z]/.test(w) || w.startsWith('`')) continue;
    if (KEYWORDS.includes(w.toUpperCase())) return w === w.toLowerCase();
  }
  return false;
}

const sortKey = (c: Candidate): string => c.text.replace(/^`/, '').toUpperCase();

function finish(start: number, prefix: string, candidates: readonly Candidate[]): Completion {
  const p = prefix.toUpperCase();
  const unique = new Map<string, Candidate>();
  for (const c of candidates) {
    if (c.text.replace(/^`/, '').toUpperCase().startsWith(p) && !unique.has(c.text))
      unique.set(c.text, c);
  }
  const matching = [...unique.values()].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      sortKey(a).localeCompare(sortKey(b)),
  );
  return { start, prefix, candidates: matching };
}

/** The longest text all candidates start with (compared ignoring case), in the first one's case. */
export function commonPrefix(candidates: readonly Candidate[]): string {
  if (candidates.length === 0) return '';
  let common = candidates[0]!.text;
  for (const c of candidates.slice(1)) {
    let i = 0;
    while (
      i < common.length &&
      i < c.text.length &&
      common[i]!.toUpperCase() === c.text[i]!.toUpperCase()
    )
      i++;
    common = common.slice(0, i);
  }
  return common;
}
