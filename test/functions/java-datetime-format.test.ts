import { Instant, LocalDate, LocalTime, ZoneId } from '@js-joda/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultZone,
  javaDateTimeFormat,
  parseSqlDate,
  parseSqlTime,
  parseSqlTimestamp,
  parseTimestampMillis,
  setDefaultTimeZone,
  zoneIdOf,
  zoneName,
} from '../../src/functions/java-datetime-format.js';

const UTC = ZoneId.of('UTC');
const at = (millis: number, zone: string) => Instant.ofEpochMilli(millis).atZone(zoneIdOf(zone));

describe('javaDateTimeFormat: printing', () => {
  it('prints numeric and text fields in the US locale', () => {
    const ts = at(1526075913123, 'UTC');
    expect(javaDateTimeFormat("yyyy-MM-dd'T'HH:mm:ss.SSSX").format(ts)).toBe(
      '2018-05-11T21:58:33.123Z',
    );
    expect(javaDateTimeFormat('EEE, d MMM yyyy hh:mm a').format(ts)).toBe(
      'Fri, 11 May 2018 09:58 PM',
    );
    expect(javaDateTimeFormat('EEEE MMMM uuuu D').format(ts)).toBe('Friday May 2018 131');
    expect(javaDateTimeFormat("dd-MM-yyyy'Sophia'").format(LocalDate.ofEpochDay(-1))).toBe(
      '31-12-1969Sophia',
    );
    expect(javaDateTimeFormat("''HH''").format(LocalTime.of(10, 0))).toBe("'10'");
  });

  it('prints offsets', () => {
    const ts = at(1526075913000, 'Europe/Berlin');
    expect(javaDateTimeFormat('XXX Z xx O').format(ts)).toBe('+02:00 +0200 +0200 GMT+2');
  });

  it('prints specific zone names for z and zzzz', () => {
    const pattern = javaDateTimeFormat('yyyy-MM-dd HH:mm:ss zzz');
    expect(pattern.format(at(1526075913000, 'America/Los_Angeles'))).toBe(
      '2018-05-11 14:58:33 PDT',
    );
    expect(pattern.format(at(1526075913000, 'Europe/London'))).toBe('2018-05-11 22:58:33 BST');
    expect(pattern.format(at(1515000000000, 'Europe/London'))).toBe('2018-01-03 17:20:00 GMT');
    expect(pattern.format(at(0, 'UTC'))).toBe('1970-01-01 00:00:00 UTC');
    expect(pattern.format(at(0, 'Z'))).toBe('1970-01-01 00:00:00 Z');
    expect(javaDateTimeFormat('zzzz').format(at(1526075913000, 'America/Los_Angeles'))).toBe(
      'Pacific Daylight Time',
    );
    expect(javaDateTimeFormat("'z' z").format(at(1526075913000, 'Europe/Paris'))).toBe('z CEST');
  });

  it('names zones as Java does when no abbreviation is known', () => {
    expect(zoneName(ZoneId.of('GMT'), 0, false)).toBe('GMT');
    expect(zoneName(ZoneId.of('UTC+02:00'), 0, false)).toBe('UTC+02:00');
    expect(zoneName(ZoneId.of('+05:30'), 0, false)).toBe('+05:30');
  });

  it('rejects what Java rejects', () => {
    expect(() => javaDateTimeFormat('yyyy-bb')).toThrow('Unknown pattern letter: b');
    expect(() => javaDateTimeFormat('zzzzz')).toThrow('Too many pattern letters: z');
    expect(() => javaDateTimeFormat("yyyy 'abc")).toThrow('incomplete string literal');
    expect(() => javaDateTimeFormat('HH').format(LocalDate.ofEpochDay(0))).toThrow(
      'Unsupported field: HourOfDay',
    );
    expect(() => javaDateTimeFormat('z').format(LocalTime.of(1, 0))).toThrow(
      'Unable to extract ZoneId',
    );
  });

  it('caches compiled patterns', () => {
    expect(javaDateTimeFormat('yyyy')).toBe(javaDateTimeFormat('yyyy'));
  });
});

describe('parseTimestampMillis (StringToTimestampParser)', () => {
  it('parses full timestamps in the given zone', () => {
    expect(parseTimestampMillis('2018-05-11T21:58:33', "yyyy-MM-dd'T'HH:mm:ss", UTC)).toBe(
      1526075913000,
    );
    expect(
      parseTimestampMillis('2018-05-11 14:58:33', 'yyyy-MM-dd HH:mm:ss', ZoneId.of('PST8PDT')),
    ).toBe(1526075913000);
  });

  it('prefers the zone or offset in the text', () => {
    expect(parseTimestampMillis('2018-05-11T21:58:33Z', "yyyy-MM-dd'T'HH:mm:ssX", UTC)).toBe(
      1526075913000,
    );
    expect(parseTimestampMillis('2020-05-11T21:58:33z', "yyyy-MM-dd'T'HH:mm:ssX", UTC)).toBe(
      1589234313000,
    );
    expect(parseTimestampMillis('2018-05-11T21:58:33 PST', "yyyy-MM-dd'T'HH:mm:ss zzz", UTC)).toBe(
      1526101113000,
    );
    expect(
      parseTimestampMillis('2017-11-13 23:59:58.999+0100', 'yyyy-MM-dd HH:mm:ss.SSSZ', UTC),
    ).toBe(1510613998999);
  });

  it('fills missing fields from 1970-01-01T00:00', () => {
    expect(parseTimestampMillis('12:30', 'HH:mm', UTC)).toBe(45000000);
    expect(parseTimestampMillis('2020-02', 'yyyy-MM', UTC)).toBe(Date.UTC(2020, 1, 1));
    expect(parseTimestampMillis('1999', 'yyyy', UTC)).toBe(Date.UTC(1999, 0, 1));
    expect(parseTimestampMillis('01:00:00 Pm', 'hh:mm:ss a', UTC)).toBe(46800000);
  });

  it('handles the leap day of the year only with a year', () => {
    expect(parseTimestampMillis('2020-366', 'yyyy-DDD', UTC)).toBe(Date.UTC(2020, 11, 31));
    expect(() => parseTimestampMillis('366', 'DDD', UTC)).toThrow('Leap day');
  });

  it('fails on text that does not match', () => {
    expect(() => parseTimestampMillis('2018-05-11', 'yyyy-MM-dd HH', UTC)).toThrow(
      'could not be parsed',
    );
    expect(() => parseTimestampMillis('2018-05-11 extra', 'yyyy-MM-dd', UTC)).toThrow();
  });
});

describe('SqlTimeTypes parsing', () => {
  it('parses partial timestamps as PartialStringToTimestampParser', () => {
    expect(parseSqlTimestamp('2017')).toBe(Date.UTC(2017, 0, 1));
    expect(parseSqlTimestamp('2020-02')).toBe(Date.UTC(2020, 1, 1));
    expect(parseSqlTimestamp('2020-01-02')).toBe(Date.UTC(2020, 0, 2));
    expect(parseSqlTimestamp('2020-01-02T')).toBe(Date.UTC(2020, 0, 2));
    expect(parseSqlTimestamp('2020-01-02TZ')).toBe(Date.UTC(2020, 0, 2));
    expect(parseSqlTimestamp('2020-12-02T13')).toBe(Date.UTC(2020, 11, 2, 13));
    expect(parseSqlTimestamp('2020-12-02T13:59Z')).toBe(Date.UTC(2020, 11, 2, 13, 59));
    expect(parseSqlTimestamp('2020-12-02T13:59:58.123')).toBe(
      Date.UTC(2020, 11, 2, 13, 59, 58, 123),
    );
    expect(parseSqlTimestamp('1970-01-01T00:00:00.010')).toBe(10);
    expect(parseSqlTimestamp('1970-01-01T00:00:01')).toBe(1000);
  });

  it('applies numeric offsets', () => {
    expect(parseSqlTimestamp('2017-11-13T23:59:58.999+0100')).toBe(1510613998999);
    expect(parseSqlTimestamp('2017-11-13T23:59:58.999-0100')).toBe(1510621198999);
    expect(parseSqlTimestamp('2019-03-17T03:00-0700')).toBe(1552816800000);
  });

  it('rejects malformed timestamps with the expected format', () => {
    expect(() => parseSqlTimestamp('2017-1-1')).toThrow("Failed to parse timestamp '2017-1-1'");
    expect(() => parseSqlTimestamp('2017-01-01T00:00:00.000+foo')).toThrow(
      'Required format is: "yyyy-MM-dd\'T\'HH:mm:ss.SSS", with an optional numeric 4-digit timezone',
    );
    expect(() => parseSqlTimestamp('2019-03-17 03:00')).toThrow();
    expect(() => parseSqlTimestamp('foo')).toThrow();
  });

  it('parses dates and partial dates', () => {
    expect(parseSqlDate('1970-01-10')).toBe(9);
    expect(parseSqlDate('1970-01')).toBe(0);
    expect(parseSqlDate('1990')).toBe(7305);
    expect(parseSqlDate('1969-12-31')).toBe(-1);
    expect(() => parseSqlDate('foo')).toThrow('Required format is: "yyyy-MM-dd"');
  });

  it('parses times', () => {
    expect(parseSqlTime('10:00:00')).toBe(36000000);
    expect(parseSqlTime('10:00')).toBe(36000000);
    expect(parseSqlTime('10:00:00.001')).toBe(36000001);
    expect(() => parseSqlTime('foo')).toThrow('Required format is: "HH:mm:ss.SSS"');
  });
});

describe('default zone', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('is UTC until set', () => {
    expect(defaultZone().id()).toBe('UTC');
    setDefaultTimeZone('Europe/London');
    expect(defaultZone().id()).toBe('Europe/London');
    expect(() => setDefaultTimeZone('Nowhere/Special')).toThrow();
  });
});
