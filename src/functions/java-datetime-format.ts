/**
 * Java `DateTimeFormatter` patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSX`, `dd-MMM-yyyy`, `hh:mm a zzz`)
 * on top of js-joda, which ports java.time: `ofPattern` in the US locale, resolver style SMART.
 * Compiled patterns are cached by pattern text, as ksqlDB's UDFs cache them.
 *
 * Differences from js-joda that this module papers over, so results match the JVM:
 * - `z`/`zzzz` print the specific zone name for the instant (`PDT`, `BST`,
 *   `Pacific Daylight Time`), where js-joda prints a generic name or the zone id;
 * - parsing is case-insensitive (`pm`, `z` for the UTC offset), as ksqlDB's results show.
 *
 * Also here: Java's `ZoneId.of` and the JVM default zone, and ksqlDB's StringToTimestampParser,
 * which fills the fields a pattern lacks from 1970-01-01T00:00 in the zone.
 */
import {
  ChronoField,
  DateTimeFormatter,
  DateTimeFormatterBuilder,
  Instant,
  LocalDate,
  LocalTime,
  ParsePosition,
  ResolverStyle,
  TemporalQueries,
  ZoneId,
  ZoneOffset,
  ZonedDateTime,
} from './js-joda.js';
import type { TemporalAccessor } from './js-joda.js';
import type { Locale as JodaLocale } from '@js-joda/locale';
import { createRequire } from 'node:module';
import { ExecutionError } from '../common/errors.js';

// js-joda's locale data and time-zone database take most of a second to load, so they are
// loaded on first use rather than at start. The packages are CommonJS only, so `require`
// shares the one @js-joda/core instance that ./js-joda.ts requires.
const requireCjs = createRequire(import.meta.url);
let us: JodaLocale | undefined;
let zonesLoaded = false;

/** The US locale (month and day names, AM/PM), as ksqlDB formats with. */
function usLocale(): JodaLocale {
  if (!us) {
    const { Locale } = requireCjs('@js-joda/locale') as typeof import('@js-joda/locale');
    requireCjs('@js-joda/locale_en-us');
    us = Locale.US;
  }
  return us;
}

/** Loads the IANA time-zone database, before the first region id is looked up. */
function ensureTimeZones(): void {
  if (!zonesLoaded) {
    requireCjs('@js-joda/timezone');
    zonesLoaded = true;
  }
}

/** A compiled Java date-time pattern. */
export interface JavaDateTimeFormat {
  readonly pattern: string;
  /** Formats a ZonedDateTime, LocalDate, LocalTime… as `DateTimeFormatter.format` does. */
  format(temporal: TemporalAccessor): string;
  /** Parses the whole text, resolved as `DateTimeFormatter.parse` does (fields, zone). */
  parse(text: string): TemporalAccessor;
  /**
   * Parses the longest start of the text the pattern matches, ignoring the rest, as
   * `java.text.DateFormat.parse(String)` does; throws `Unparseable date` when nothing matches.
   */
  parsePrefix(text: string): TemporalAccessor;
}

const MAX_CACHED = 1000;
const cache = new Map<string, JavaDateTimeFormat>();

/** The compiled form of a pattern; throws js-joda's IllegalArgumentException for a bad one. */
export function javaDateTimeFormat(pattern: string): JavaDateTimeFormat {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, compiled);
  }
  return compiled;
}

const SHORT_ZONE_MARK = '\uE000';
const LONG_ZONE_MARK = '\uE001';

function compile(pattern: string): JavaDateTimeFormat {
  if (/[zVv]/.test(pattern)) ensureTimeZones();
  const parser = new DateTimeFormatterBuilder()
    .parseCaseInsensitive()
    .appendPattern(pattern)
    .toFormatter(ResolverStyle.SMART)
    .withLocale(usLocale());
  const { rewritten, zoneNames } = markZoneNames(pattern);
  const printer = DateTimeFormatter.ofPattern(rewritten).withLocale(usLocale());
  return {
    pattern,
    format: zoneNames
      ? (temporal) => printWithZoneNames(printer.format(temporal), temporal)
      : (temporal) => printer.format(temporal),
    parse: (text) => parser.parse(text),
    parsePrefix: (text) => {
      const position = new ParsePosition(0);
      const parsed = parser.parseUnresolved(text, position);
      if (parsed === null || position.getErrorIndex() >= 0) {
        throw new Error(`Unparseable date: "${text}"`);
      }
      return parser.parse(text.slice(0, position.getIndex()));
    },
  };
}

/** Replaces each unquoted run of `z` by a quoted marker, printed afterwards by zoneName. */
function markZoneNames(pattern: string): { rewritten: string; zoneNames: boolean } {
  let out = '';
  let zoneNames = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      let end = i + 1;
      while (end < pattern.length) {
        if (pattern[end] === "'") {
          if (pattern[end + 1] === "'") end += 2;
          else break;
        } else end++;
      }
      out += pattern.slice(i, end + 1);
      i = end + 1;
    } else if (c === 'z') {
      let end = i;
      while (pattern[end] === 'z') end++;
      const count = end - i;
      if (count > 4) return { rewritten: pattern, zoneNames: false };
      out += `'${count === 4 ? LONG_ZONE_MARK : SHORT_ZONE_MARK}'`;
      zoneNames = true;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return { rewritten: out, zoneNames };
}

function printWithZoneNames(printed: string, temporal: TemporalAccessor): string {
  const zone = temporal.query(TemporalQueries.zoneId());
  if (zone === null) {
    throw new Error(`Unable to extract ZoneId from temporal ${temporal.toString()}`);
  }
  const millis = temporal.isSupported(ChronoField.INSTANT_SECONDS)
    ? Instant.from(temporal).toEpochMilli()
    : Date.now();
  return printed.replace(/[\uE000\uE001]/g, (mark) =>
    zoneName(zone, millis, mark === LONG_ZONE_MARK),
  );
}

const GMT_IDS = new Set(['GMT', 'Etc/GMT', 'Greenwich', 'Etc/Greenwich', 'GMT0', 'Etc/GMT0']);
/** Locales tried in turn for a short name: Intl knows each abbreviation in some of them. */
const SHORT_NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-CA', 'en-SG', 'en-NZ'];
const intlCache = new Map<string, Intl.DateTimeFormat | null>();

/** The zone's name at an instant, as Java's `z` (short) or `zzzz` (long) prints it. */
export function zoneName(zone: ZoneId, epochMillis: number, long: boolean): string {
  const id = zone.id();
  if (zone instanceof ZoneOffset || /^(UTC|GMT|UT)[+-]/.test(id)) return id;
  if (GMT_IDS.has(id)) return long ? 'Greenwich Mean Time' : 'GMT';
  if (long) return intlZoneName('en-US', id, epochMillis, 'long') ?? id;
  let fallback: string | undefined;
  for (const locale of SHORT_NAME_LOCALES) {
    const name = intlZoneName(locale, id, epochMillis, 'short');
    if (name === undefined) return id;
    if (!/^GMT[+-]/.test(name)) return name;
    fallback ??= name;
  }
  return javaGmtOffset(fallback ?? id);
}

function intlZoneName(
  locale: string,
  id: string,
  epochMillis: number,
  style: 'short' | 'long',
): string | undefined {
  const key = `${locale}|${id}|${style}`;
  let format = intlCache.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: style });
    } catch {
      format = null;
    }
    intlCache.set(key, format);
  }
  return format?.formatToParts(new Date(epochMillis)).find((p) => p.type === 'timeZoneName')?.value;
}

/** `GMT+5:30` → `GMT+05:30`, `GMT-7` → `GMT-07:00`, as Java prints unnamed zones. */
function javaGmtOffset(name: string): string {
  const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
  return m ? `GMT${m[1]}${m[2]!.padStart(2, '0')}:${m[3] ?? '00'}` : name;
}

// ---------------------------------------------------------------- zones

let defaultZoneId: ZoneId = ZoneId.of('UTC');

/**
 * Java's `ZoneId.of`: region ids (`Europe/London`), offsets (`+02:00`, `Z`) and prefixed
 * offsets (`UTC+2`). Throws js-joda's DateTimeException for an unknown id.
 */
export function zoneIdOf(id: string): ZoneId {
  ensureTimeZones();
  return ZoneId.of(id);
}

/** The zone ksqlDB takes from the JVM default: UTC unless set with setDefaultTimeZone. */
export function defaultZone(): ZoneId {
  return defaultZoneId;
}

/** Sets the zone used where ksqlDB uses the JVM default (as `-Duser.timezone` does). */
export function setDefaultTimeZone(id: string): void {
  ensureTimeZones();
  defaultZoneId = ZoneId.of(id);
}

// ---------------------------------------------------------------- StringToTimestampParser

/** java.time's ChronoField.values(), in declaration order: the order fields are applied. */
const JAVA_FIELD_ORDER = [
  ChronoField.NANO_OF_SECOND,
  ChronoField.NANO_OF_DAY,
  ChronoField.MICRO_OF_SECOND,
  ChronoField.MICRO_OF_DAY,
  ChronoField.MILLI_OF_SECOND,
  ChronoField.MILLI_OF_DAY,
  ChronoField.SECOND_OF_MINUTE,
  ChronoField.SECOND_OF_DAY,
  ChronoField.MINUTE_OF_HOUR,
  ChronoField.MINUTE_OF_DAY,
  ChronoField.HOUR_OF_AMPM,
  ChronoField.CLOCK_HOUR_OF_AMPM,
  ChronoField.HOUR_OF_DAY,
  ChronoField.CLOCK_HOUR_OF_DAY,
  ChronoField.AMPM_OF_DAY,
  ChronoField.DAY_OF_WEEK,
  ChronoField.ALIGNED_DAY_OF_WEEK_IN_MONTH,
  ChronoField.ALIGNED_DAY_OF_WEEK_IN_YEAR,
  ChronoField.DAY_OF_MONTH,
  ChronoField.DAY_OF_YEAR,
  ChronoField.EPOCH_DAY,
  ChronoField.ALIGNED_WEEK_OF_MONTH,
  ChronoField.ALIGNED_WEEK_OF_YEAR,
  ChronoField.MONTH_OF_YEAR,
  ChronoField.PROLEPTIC_MONTH,
  ChronoField.YEAR_OF_ERA,
  ChronoField.YEAR,
  ChronoField.ERA,
  ChronoField.INSTANT_SECONDS,
  ChronoField.OFFSET_SECONDS,
];

/** Fields that ParseDate rejects (time-based) and ParseTime rejects (date-based). */
export const TIME_BASED_FIELDS = JAVA_FIELD_ORDER.filter((f) => f.isTimeBased());
export const DATE_BASED_FIELDS = JAVA_FIELD_ORDER.filter((f) => f.isDateBased());

/**
 * ksqlDB's StringToTimestampParser: parses `text` with `pattern`, then starts from
 * 1970-01-01T00:00 in the parsed zone (or `zone`) and overrides every field the text supplied.
 * Returns epoch milliseconds.
 */
export function parseTimestampMillis(text: string, pattern: string, zone: ZoneId): number {
  return resolveMillis(javaDateTimeFormat(pattern).parse(text), zone);
}

/**
 * Commons Lang's FastDateFormat in GMT, as ksqlDB's PARSE_DATE uses it: the start of `text` that
 * `pattern` matches (trailing text ignored), fields it lacks from 1970-01-01T00:00 GMT (a cleared
 * Calendar). Returns epoch milliseconds.
 */
export function parseDatePrefixMillis(text: string, pattern: string): number {
  return resolveMillis(javaDateTimeFormat(pattern).parsePrefix(text), ZoneOffset.UTC);
}

/** 1970-01-01T00:00 in the parsed zone (or `zone`), with every field the text supplied. */
function resolveMillis(parsed: TemporalAccessor, zone: ZoneId): number {
  const parsedZone = parsed.query(TemporalQueries.zone());
  let resolved = ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, parsedZone ?? zone);
  for (const field of JAVA_FIELD_ORDER) {
    if (!parsed.isSupported(field)) continue;
    const value = parsed.getLong(field);
    if (field === ChronoField.DAY_OF_YEAR && value === 366) {
      if (!parsed.isSupported(ChronoField.YEAR)) {
        throw new Error('Leap day cannot be parsed without supplying the year field');
      }
      resolved = resolved.withYear(parsed.get(ChronoField.YEAR));
    }
    resolved = resolved.with(field, value);
  }
  return resolved.toInstant().toEpochMilli();
}

// ---------------------------------------------------------------- SqlTimeTypes parsing

const DATE_TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";
const TIME_PATTERN = 'HH:mm:ss.SSS';
const TIMESTAMP_HELP =
  `\nRequired format is: "${DATE_TIME_PATTERN}", with an optional numeric 4-digit timezone, ` +
  "for example: '2020-05-26T23:59:58.000' or with tz: '2020-05-26T23:59:58.000+0200'. " +
  "A trailing 'Z' instead of tz indicates the zero UTC offset. " +
  'Partials are also supported, for example "2020-05-26"';
const DATE_HELP =
  '\nRequired format is: "yyyy-MM-dd", for example \'2020-05-26\'. ' +
  "Partials are also supported, for example '2020-05'";
const TIME_HELP =
  `\nRequired format is: "${TIME_PATTERN}", for example: '01:34:20.123' or '01:34:20'. ` +
  "Partials are also supported, for example '01:34'";

/**
 * ksqlDB's PartialStringToTimestampParser, behind `CAST(s AS TIMESTAMP)` and string literals
 * compared with timestamps: `2020`, `2020-05`, `2020-05-26T23`, `…T23:59:58.000+0200`, `…Z`.
 * Returns epoch milliseconds; UTC unless the text has an offset.
 */
export function parseSqlTimestamp(text: string): number {
  let date: string;
  let time: string;
  let timezone: string;
  const t = text.indexOf('T');
  if (t >= 0) {
    date = text.slice(0, t);
    const withTimezone = text.slice(t + 1);
    const sign = withTimezone.includes('+') ? '+' : '-';
    timezone = withTimezone.includes(sign) ? withTimezone.slice(withTimezone.indexOf(sign)) : '';
    time = completeTime(
      withTimezone.slice(0, withTimezone.length - timezone.length).replace(/Z$/, ''),
    );
  } else {
    date = completeDate(text);
    time = completeTime('');
    timezone = '';
  }
  try {
    const zone = timezone.trim() === '' ? ZoneOffset.UTC : parseTimezone(timezone);
    return parseTimestampMillis(`${date}T${time}`, DATE_TIME_PATTERN, zone);
  } catch (e) {
    throw new ExecutionError(
      `Failed to parse timestamp '${text}': ${messageOf(e)}${TIMESTAMP_HELP}`,
    );
  }
}

/** SqlTimeTypes.parseDate: ISO `yyyy-MM-dd`, or a year / year-month. Returns epoch days. */
export function parseSqlDate(text: string): number {
  try {
    return LocalDate.parse(completeDate(text)).toEpochDay();
  } catch (e) {
    throw new ExecutionError(`Failed to parse date '${text}': ${messageOf(e)}${DATE_HELP}`);
  }
}

/** SqlTimeTypes.parseTime: ISO `HH:mm[:ss[.fff]]`. Returns milliseconds of the day. */
export function parseSqlTime(text: string): number {
  try {
    return Math.floor(LocalTime.parse(text).toNanoOfDay() / 1_000_000);
  } catch (e) {
    throw new ExecutionError(`Failed to parse time '${text}': ${messageOf(e)}${TIME_HELP}`);
  }
}

function parseTimezone(timezone: string): ZoneId {
  try {
    ensureTimeZones();
    return ZoneId.of(timezone);
  } catch (e) {
    throw new ExecutionError(`Failed to parse timezone '${timezone}': ${messageOf(e)}`);
  }
}

/** `2020` → `2020-01-01`, `2020-05` → `2020-05-01`; anything else unchanged. */
function completeDate(date: string): string {
  const parts = date.split('-');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1) return `${date}-01-01`;
  if (parts.length === 2) return `${date}-01`;
  return date;
}

/** Pads a partial `HH:mm:ss.SSS` with zeros: `13` → `13:00:00.000`. */
function completeTime(time: string): string {
  if (time.length >= TIME_PATTERN.length) return time;
  return time + TIME_PATTERN.slice(time.length).replace(/[a-zA-Z]/g, '0');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
