/**
 * @js-joda/core, loaded with `require`. The package is CommonJS only; an ES import of it makes
 * Node scan its 450 KB for export names on every start (about a third of `streamsql -e`'s start
 * time), which `require` does not. It is the same instance that the locale and time-zone
 * plugins (required in java-datetime-format.ts) extend.
 */
import type * as Joda from '@js-joda/core';
import { createRequire } from 'node:module';

const joda = createRequire(import.meta.url)('@js-joda/core') as typeof Joda;

export const {
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
} = joda;

export type ChronoField = Joda.ChronoField;
export type DateTimeFormatter = Joda.DateTimeFormatter;
export type DateTimeFormatterBuilder = Joda.DateTimeFormatterBuilder;
export type Instant = Joda.Instant;
export type LocalDate = Joda.LocalDate;
export type LocalTime = Joda.LocalTime;
export type ParsePosition = Joda.ParsePosition;
export type ResolverStyle = Joda.ResolverStyle;
export type TemporalAccessor = Joda.TemporalAccessor;
export type ZoneId = Joda.ZoneId;
export type ZoneOffset = Joda.ZoneOffset;
export type ZonedDateTime = Joda.ZonedDateTime;
