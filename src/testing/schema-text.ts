/**
 * ksqlDB's schema text, as QTT post conditions write it (`ID INT KEY, NAME STRING,
 * H ARRAY<BYTES> HEADERS`), read into columns so that it can be compared with a source's
 * columns structurally rather than as text. Types are read by the dialect's own type parser.
 */
import { resolveType } from '../analyzer/resolve-type.js';
import type { Column, ColumnNamespace } from '../common/schema.js';
import { parseType } from '../parser/parse.js';

const SUFFIX = /\s+(PRIMARY\s+KEY|KEY|HEADERS|HEADER\s*\(\s*'((?:[^']|'')*)'\s*\))\s*$/i;

export function parseSchemaText(text: string): Column[] {
  return splitTopLevel(text)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseElement);
}

/** Splits at commas outside `<>`, `()`, back-quotes and string literals. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '`' || c === "'") {
      quote = c;
    } else if (c === '<' || c === '(') {
      depth++;
    } else if (c === '>' || c === ')') {
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseElement(element: string): Column {
  let rest = element;
  let namespace: ColumnNamespace = 'value';
  let headerKey: string | undefined;
  const suffix = SUFFIX.exec(rest);
  if (suffix) {
    const word = suffix[1]!.toUpperCase();
    if (word.endsWith('KEY')) namespace = 'key';
    else {
      namespace = 'header';
      if (suffix[2] !== undefined) headerKey = suffix[2].replace(/''/g, "'");
    }
    rest = rest.slice(0, suffix.index);
  }
  const { name, typeText } = splitName(rest.trim());
  if (typeText === '') throw new Error(`schema element '${element.trim()}' has no type`);
  const type = resolveType(parseType(typeText), () => undefined);
  return { name, type, namespace, ...(headerKey !== undefined ? { headerKey } : {}) };
}

function splitName(text: string): { name: string; typeText: string } {
  if (text.startsWith('`')) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      if (text[i] === '`' && text[i + 1] === '`') {
        name += '`';
        i += 2;
      } else if (text[i] === '`') {
        break;
      } else {
        name += text[i];
        i++;
      }
    }
    return { name, typeText: text.slice(i + 1).trim() };
  }
  const match = /^(\S+)\s+([\s\S]*)$/.exec(text);
  if (!match) return { name: text.toUpperCase(), typeText: '' };
  return { name: match[1]!.toUpperCase(), typeText: match[2]!.trim() };
}
