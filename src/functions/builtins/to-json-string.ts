/**
 * TO_JSON_STRING (ksqlDB's ToJsonString): any value as compact JSON text, written as Jackson
 * writes the Java objects ksqlDB holds: map keys and struct fields sorted by name (ksqlDB puts
 * them in TreeMaps), DOUBLE as Double.toString does (NaN quoted), DECIMAL in plain notation at
 * its scale, BYTES as base64, DATE as `2021-10-11`, TIME as LocalTime prints (`13:25`,
 * `13:25:10.500`), TIMESTAMP as `2021-06-30T12:18:39.446` (UTC).
 * The serializer is chosen once per call site from the argument's type.
 */
import type { Decimal } from '../../common/decimal.js';
import type { SqlType } from '../../common/sql-types.js';
import type { CallSite, FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';
import { quoteJson } from './util/json-tree.js';
import { bigDecimalToPlainString, javaDoubleToString, unscaledOf } from './util/java-text.js';

type Writer = (value: unknown) => string;

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDate(epochMs: number): string {
  const date = new Date(epochMs);
  const year = date.getUTCFullYear();
  const yearText = year > 9999 ? `+${year}` : year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function localTime(millisOfDay: number): string {
  const hours = Math.floor(millisOfDay / 3_600_000);
  const minutes = Math.floor(millisOfDay / 60_000) % 60;
  const seconds = Math.floor(millisOfDay / 1000) % 60;
  const millis = millisOfDay % 1000;
  let text = `${pad(hours)}:${pad(minutes)}`;
  if (seconds > 0 || millis > 0) text += `:${pad(seconds)}`;
  if (millis > 0) text += `.${pad(millis, 3)}`;
  return text;
}

function timestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`;
  return `${isoDate(epochMs)}T${time}`;
}

function sortedObject(entries: readonly [string, string][]): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${sorted.map(([k, v]) => `${quoteJson(k)}:${v}`).join(',')}}`;
}

/** A JSON writer for values of `type`. */
export function jsonWriter(type: SqlType | null): Writer {
  const write = writerFor(type);
  return (value) => (value === null ? 'null' : write(value));
}

function writerFor(type: SqlType | null): Writer {
  switch (type?.base) {
    case 'DOUBLE':
      return (v) => {
        const n = v as number;
        return Number.isFinite(n) ? javaDoubleToString(n) : `"${javaDoubleToString(n)}"`;
      };
    case 'DECIMAL': {
      const scale = type.scale;
      return (v) => bigDecimalToPlainString(unscaledOf(v as Decimal, scale), scale);
    }
    case 'STRING':
      return (v) => quoteJson(v as string);
    case 'BYTES':
      return (v) => quoteJson((v as Buffer).toString('base64'));
    case 'DATE':
      return (v) => quoteJson(isoDate((v as number) * DAY_MS));
    case 'TIME':
      return (v) => quoteJson(localTime(v as number));
    case 'TIMESTAMP':
      return (v) => quoteJson(timestamp(v as number));
    case 'ARRAY': {
      const item = jsonWriter(type.items);
      return (v) => `[${(v as readonly unknown[]).map(item).join(',')}]`;
    }
    case 'MAP': {
      const value = jsonWriter(type.value);
      return (v) =>
        sortedObject(
          [...(v as ReadonlyMap<unknown, unknown>)].map(([k, x]) => [String(k), value(x)]),
        );
    }
    case 'STRUCT': {
      const fields = type.fields.map((f) => [f.name, jsonWriter(f.type)] as const);
      return (v) => {
        const record = v as Record<string, unknown>;
        return sortedObject(fields.map(([name, write]) => [name, write(record[name] ?? null)]));
      };
    }
    default:
      return (v) => String(v);
  }
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'TO_JSON_STRING',
    Category.JSON,
    'Given any ksqlDB type returns the equivalent JSON string.',
    [
      {
        params: ['T input'],
        returns: 'STRING',
        create: (site: CallSite) => jsonWriter(site.argTypes[0] ?? null),
      },
    ],
  ),
];
