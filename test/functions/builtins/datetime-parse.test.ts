import { afterEach, describe, expect, it } from 'vitest';
import { BIGINT, DATE, INTEGER, STRING, TIME, TIMESTAMP } from '../../../src/common/sql-types.js';
import { setDefaultTimeZone } from '../../../src/functions/java-datetime-format.js';
import { call, returnType } from './datetime-harness.js';

const str = (v: string | null) => [STRING, v] as const;

describe('PARSE_TIMESTAMP', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('parses in GMT unless the text or the call names a zone', () => {
    expect(returnType('PARSE_TIMESTAMP', str(''), str(''))).toEqual(TIMESTAMP);
    setDefaultTimeZone('America/New_York');
    expect(call('parse_timestamp', str('2018-05-11T21:58:33'), str("yyyy-MM-dd'T'HH:mm:ss"))).toBe(
      1526075913000,
    );
    expect(
      call('PARSE_TIMESTAMP', str('2018-05-11T21:58:33 PST'), str("yyyy-MM-dd'T'HH:mm:ss zzz")),
    ).toBe(1526101113000);
    expect(
      call(
        'PARSE_TIMESTAMP',
        str('2018-05-11 14:58:33'),
        str('yyyy-MM-dd HH:mm:ss'),
        str('America/Los_Angeles'),
      ),
    ).toBe(1526075913000);
  });

  it('returns NULL for NULL arguments and fails on text that does not match', () => {
    expect(call('PARSE_TIMESTAMP', str(null), str('yyyy'))).toBeNull();
    expect(call('PARSE_TIMESTAMP', str('2020'), str('yyyy'), str(null))).toBeNull();
    expect(() => call('PARSE_TIMESTAMP', str('2020-01'), str('yyyy'))).toThrow(
      "Failed to parse timestamp '2020-01' with formatter 'yyyy'",
    );
  });
});

describe('STRINGTOTIMESTAMP', () => {
  afterEach(() => setDefaultTimeZone('UTC'));

  it('returns BIGINT millis, parsing in the default zone', () => {
    expect(returnType('STRINGTOTIMESTAMP', str(''), str(''))).toEqual(BIGINT);
    const pattern = str("yyyy-MM-dd'T'HH:mm:ssX");
    expect(call('STRINGTOTIMESTAMP', str('2018-05-11T21:58:33Z'), pattern)).toBe(1526075913000n);
    expect(call('STRINGTOTIMESTAMP', str('2020-05-11T21:58:33z'), pattern)).toBe(1589234313000n);
    setDefaultTimeZone('Europe/London');
    expect(call('STRINGTOTIMESTAMP', str('1970-01-01 01:00'), str('yyyy-MM-dd HH:mm'))).toBe(0n);
    expect(
      call('STRINGTOTIMESTAMP', str('1970-01-01 01:00'), str('yyyy-MM-dd HH:mm'), str('UTC')),
    ).toBe(3600000n);
  });

  it('fails on NULL, having no value to return', () => {
    expect(() => call('STRINGTOTIMESTAMP', str(null), str('yyyy'))).toThrow();
    expect(() => call('STRINGTOTIMESTAMP', str('2020'), str(null))).toThrow();
  });
});

describe('PARSE_DATE and STRINGTODATE', () => {
  it.each([
    ['2018-05-11', 'yyyy-MM-dd', 17662],
    ['11/05/2019', 'dd/MM/yyyy', 18027],
    ['01-Jan-2022', 'dd-MMM-yyyy', 18993],
    ['01-JAN-2022', 'dd-MMM-yyyy', 18993],
    ['31-12-1969Sophia', "dd-MM-yyyy'Sophia'", -1],
  ])('parses %s with %s', (text, pattern, days) => {
    expect(call('PARSE_DATE', str(text), str(pattern))).toBe(days);
    expect(call('STRINGTODATE', str(text), str(pattern))).toBe(days);
  });

  it('types the results', () => {
    expect(returnType('PARSE_DATE', str(''), str(''))).toEqual(DATE);
    expect(returnType('STRINGTODATE', str(''), str(''))).toEqual(INTEGER);
  });

  it('rejects a time of day (PARSE_DATE) and incomplete dates (STRINGTODATE)', () => {
    expect(() => call('PARSE_DATE', str('2020-01-01 10'), str('yyyy-MM-dd HH'))).toThrow(
      'Date format contains time field.',
    );
    expect(call('PARSE_DATE', str('2020-01-01 00'), str('yyyy-MM-dd HH'))).toBe(18262);
    expect(() => call('STRINGTODATE', str('2020-01'), str('yyyy-MM'))).toThrow(
      "Failed to parse date '2020-01' with formatter 'yyyy-MM'",
    );
  });

  it('parses as FastDateFormat: missing fields from 1970-01-01, trailing text ignored', () => {
    expect(call('PARSE_DATE', str('2020-02'), str('yyyy-MM'))).toBe(18293);
    expect(call('PARSE_DATE', str('2004'), str('yyyy'))).toBe(12418);
    expect(call('PARSE_DATE', str('2003-12-24-01-01'), str('yyyy-MM-dd'))).toBe(12410);
    expect(() => call('PARSE_DATE', str('2004'), str('yyyy-MM-dd'))).toThrow(
      "Failed to parse date '2004' with formatter 'yyyy-MM-dd': Unparseable date: \"2004\"",
    );
  });

  it('handles NULL as ksqlDB', () => {
    expect(call('PARSE_DATE', str(null), str('yyyy'))).toBeNull();
    expect(() => call('STRINGTODATE', str(null), str('yyyy'))).toThrow();
  });
});

describe('PARSE_TIME', () => {
  it.each([
    ['00:01:05Lit', "HH:mm:ss'Lit'", 65000],
    ['11/05/19', 'HH/mm/ss', 39919000],
    ['01:00:00 PM', 'hh:mm:ss a', 46800000],
    ['01:00:00 Pm', 'hh:mm:ss a', 46800000],
    ['10:00:00.123456', 'HH:mm:ss.SSSSSS', 36000123],
  ])('parses %s with %s', (text, pattern, millis) => {
    expect(call('PARSE_TIME', str(text), str(pattern))).toBe(millis);
  });

  it('types the result, rejects date fields and passes NULL through', () => {
    expect(returnType('PARSE_TIME', str(''), str(''))).toEqual(TIME);
    expect(() => call('PARSE_TIME', str('2020 10'), str('yyyy HH'))).toThrow(
      'Time format contains date field.',
    );
    expect(call('PARSE_TIME', str(null), str('HH'))).toBeNull();
  });
});
