import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/cli/repl/completion/catalog.js';
import { commonPrefix, complete } from '../../../src/cli/repl/completion/complete.js';

const catalog: Catalog = {
  sources: [
    { name: 'PAGEVIEWS', kind: 'stream', columns: ['USERID', 'PAGEID', 'VIEWTIME'] },
    { name: 'USERS', kind: 'table', columns: ['USERID', 'REGION'] },
    { name: 'mixedCase', kind: 'stream', columns: ['x'] },
  ],
  topics: ['pageviews', 'users'],
  functions: ['UCASE', 'UNIX_TIMESTAMP', 'COUNT'],
  queryIds: ['CSAS_OUT_0', 'CTAS_T_1'],
  variables: ['env', 'topic_name'],
};

/** Candidates' texts for the text before `|`. */
function at(text: string): string[] {
  const cursor = text.indexOf('|');
  const input = text.replace('|', '');
  return complete(input, cursor < 0 ? input.length : cursor, catalog).candidates.map((c) => c.text);
}

describe('Tab completion', () => {
  it('offers statement keywords at the start, in the case being typed', () => {
    expect(at('SH')).toEqual(['SHOW']);
    expect(at('de')).toEqual(['define', 'describe']);
    expect(at('show streams; sel')).toEqual(['select']);
  });

  it('offers sources after FROM, JOIN, INTO and DESCRIBE', () => {
    expect(at('SELECT * FROM ')).toEqual(['`mixedCase`', 'PAGEVIEWS', 'USERS']);
    expect(at('select * from pageviews p join u')).toEqual(['users']);
    expect(at('INSERT INTO P')).toEqual(['PAGEVIEWS']);
    expect(at('DESCRIBE ')).toContain('EXTENDED');
    expect(at('DESCRIBE EXTENDED U')).toEqual(['USERS']);
    expect(at('DROP TABLE ')).toEqual(['USERS', 'IF']);
    expect(at('DROP STREAM IF EXISTS P')).toEqual(['PAGEVIEWS']);
  });

  it('offers the columns of the sources in the statement, and of an alias after a dot', () => {
    expect(at('SELECT U| FROM PAGEVIEWS')).toEqual(['USERID', 'USERS', 'UCASE', 'UNIX_TIMESTAMP']);
    expect(at('select p.| from pageviews p')).toEqual(['pageid', 'userid', 'viewtime']);
    expect(at('SELECT u.R| FROM pageviews p JOIN users AS u ON p.userid = u.userid')).toEqual([
      'REGION',
    ]);
  });

  it('offers functions with an opening parenthesis', () => {
    const c = complete('SELECT COU', 10, catalog).candidates;
    expect(c.map((x) => [x.text, x.suffix])).toEqual([['COUNT', '(']]);
  });

  it('offers topics after PRINT and inside KAFKA_TOPIC, formats inside VALUE_FORMAT', () => {
    expect(at('PRINT ')).toEqual(['pageviews', 'users']);
    expect(at("CREATE STREAM x (a INT) WITH (KAFKA_TOPIC='p")).toEqual(['pageviews']);
    expect(at("CREATE STREAM x (a INT) WITH (kafka_topic='t', value_format='J")).toEqual([
      'JSON',
      'JSON_SR',
    ]);
  });

  it('offers query ids after TERMINATE and EXPLAIN, variables inside ${', () => {
    expect(at('TERMINATE C')).toEqual(['CSAS_OUT_0', 'CTAS_T_1']);
    expect(at('EXPLAIN CT')).toEqual(['CTAS_T_1']);
    expect(at('SELECT * FROM ${t')).toEqual(['topic_name']);
  });

  it('offers nothing inside string literals and comments', () => {
    expect(at("INSERT INTO users VALUES ('us")).toEqual([]);
    expect(at('-- SEL')).toEqual([]);
  });

  it('finds the common start of several candidates', () => {
    const c = complete('SELECT * FROM ', 14, catalog).candidates.filter((x) =>
      x.text.startsWith('P'),
    );
    expect(commonPrefix(c)).toBe('PAGEVIEWS');
    expect(commonPrefix(complete('SELECT UN', 9, catalog).candidates)).toBe('UNIX_TIMESTAMP');
    expect(commonPrefix(complete('de', 2, catalog).candidates)).toBe('de');
  });
});
