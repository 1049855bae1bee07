import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import { col, int, parseErrorOf, query } from './helpers.js';

describe('SELECT', () => {
  it('reads a push query with every clause in ksqlDB’s order', () => {
    expect(
      query(
        'SELECT k, COUNT(*) AS n FROM s WINDOW TUMBLING (SIZE 30 SECONDS) WHERE v > 1 ' +
          'GROUP BY k HAVING COUNT(*) > 2 EMIT CHANGES LIMIT 10;',
      ),
    ).toEqual({
      kind: 'query',
      select: [
        { kind: 'selectExpression', expression: col('K') },
        {
          kind: 'selectExpression',
          expression: { kind: 'call', name: 'COUNT', args: [], star: true },
          alias: 'N',
        },
      ],
      from: { kind: 'source', name: 'S' },
      window: { kind: 'tumbling', sizeMs: 30000 },
      where: { kind: 'comparison', op: '>', left: col('V'), right: int('1') },
      groupBy: [col('K')],
      having: {
        kind: 'comparison',
        op: '>',
        left: { kind: 'call', name: 'COUNT', args: [], star: true },
        right: int('2'),
      },
      emit: 'changes',
      limit: 10,
    });
  });

  it('reads a pull query (no EMIT) and EMIT FINAL', () => {
    expect(query("SELECT * FROM t WHERE k = 'a';")).not.toHaveProperty('emit');
    expect(query('SELECT * FROM t EMIT FINAL;').emit).toBe('final');
  });

  it('reads *, source.*, struct->* and aliases with or without AS', () => {
    expect(query('SELECT *, s.*, a->b->*, x y, z AS `w` FROM s').select).toEqual([
      { kind: 'allColumns' },
      { kind: 'allColumns', source: 'S' },
      {
        kind: 'structAll',
        base: { kind: 'dereference', base: col('A'), field: 'B' },
      },
      { kind: 'selectExpression', expression: col('X'), alias: 'Y' },
      { kind: 'selectExpression', expression: col('Z'), alias: 'w' },
    ]);
  });

  it('reads GROUP BY and PARTITION BY lists, parenthesized or not', () => {
    expect(query('SELECT * FROM s GROUP BY a, b + 1').groupBy).toEqual([
      col('A'),
      { kind: 'arithmetic', op: '+', left: col('B'), right: int('1') },
    ]);
    expect(query('SELECT * FROM s GROUP BY (a, b)').groupBy).toEqual([col('A'), col('B')]);
    expect(query('SELECT * FROM s GROUP BY (a + 1) * 2').groupBy).toHaveLength(1);
    expect(query('SELECT * FROM s PARTITION BY a, b EMIT CHANGES').partitionBy).toEqual([
      col('A'),
      col('B'),
    ]);
    expect(query('SELECT * FROM s PARTITION BY (a)').partitionBy).toEqual([col('A')]);
  });

  it('refuses boolean expressions and nested lists in GROUP BY, as ksqlDB does', () => {
    parseErrorOf(() => parseStatement('SELECT * FROM s GROUP BY a AND b;'));
    parseErrorOf(() => parseStatement('SELECT * FROM s GROUP BY a, (b, c);'));
  });

  it('does not take a clause keyword for an alias', () => {
    expect(query('SELECT * FROM s PARTITION BY a').from).toEqual({ kind: 'source', name: 'S' });
    expect(query('SELECT * FROM s EMIT CHANGES').from).toEqual({ kind: 'source', name: 'S' });
    expect(query('SELECT * FROM s emit').from).toEqual({
      kind: 'source',
      name: 'S',
      alias: 'EMIT',
    });
  });
});

describe('windows', () => {
  it('resolves every duration to milliseconds', () => {
    expect(
      query(
        'SELECT * FROM s WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 2 DAYS, GRACE PERIOD 10 MINUTES)',
      ).window,
    ).toEqual({ kind: 'tumbling', sizeMs: 3600000, retentionMs: 172800000, graceMs: 600000 });
    expect(
      query('SELECT * FROM s WINDOW HOPPING (SIZE 2 MINUTE, ADVANCE BY 500 MILLISECONDS)').window,
    ).toEqual({ kind: 'hopping', sizeMs: 120000, advanceMs: 500 });
    expect(query('SELECT * FROM s WINDOW SESSION (30 SECOND, GRACE PERIOD 1 DAY)').window).toEqual({
      kind: 'session',
      gapMs: 30000,
      graceMs: 86400000,
    });
  });

  it('accepts and ignores a window name', () => {
    expect(query('SELECT * FROM s WINDOW w TUMBLING (SIZE 1 MILLISECOND)').window).toEqual({
      kind: 'tumbling',
      sizeMs: 1,
    });
  });

  it('gives the window the span of its kind keyword', () => {
    const statement = parseStatement('SELECT * FROM s WINDOW SESSION (1 SECOND)');
    expect(statement.kind === 'select' && statement.query.window?.span).toEqual({
      line: 1,
      col: 24,
      offset: 23,
    });
  });
});

describe('joins', () => {
  it('builds a left-deep tree of joins with their windows', () => {
    expect(
      query(
        'SELECT * FROM a x JOIN b y WITHIN 10 SECONDS ON x.id = y.id ' +
          'LEFT OUTER JOIN c AS z WITHIN (1 SECOND, 2 HOURS) GRACE PERIOD 3 MINUTES ON x.id = z.id',
      ).from,
    ).toEqual({
      kind: 'join',
      joinType: 'left',
      left: {
        kind: 'join',
        joinType: 'inner',
        left: { kind: 'source', name: 'A', alias: 'X' },
        right: { kind: 'source', name: 'B', alias: 'Y' },
        on: { kind: 'comparison', op: '=', left: col('ID', 'X'), right: col('ID', 'Y') },
        within: { beforeMs: 10000, afterMs: 10000 },
      },
      right: { kind: 'source', name: 'C', alias: 'Z' },
      on: { kind: 'comparison', op: '=', left: col('ID', 'X'), right: col('ID', 'Z') },
      within: { beforeMs: 1000, afterMs: 7200000, graceMs: 180000 },
    });
  });

  it('reads every join type', () => {
    const joinType = (text: string): unknown => {
      const from = query(`SELECT * FROM a ${text} b ON a.k = b.k`).from;
      return from.kind === 'join' ? from.joinType : undefined;
    };
    expect(joinType('JOIN')).toBe('inner');
    expect(joinType('INNER JOIN')).toBe('inner');
    expect(joinType('LEFT JOIN')).toBe('left');
    expect(joinType('RIGHT OUTER JOIN')).toBe('right');
    expect(joinType('FULL JOIN')).toBe('full');
    expect(joinType('full outer join')).toBe('full');
  });

  it('starts a join’s span at its join keywords', () => {
    const statement = parseStatement('SELECT * FROM a LEFT JOIN b ON a.k = b.k');
    expect(statement.kind === 'select' && statement.query.from.span).toEqual({
      line: 1,
      col: 17,
      offset: 16,
    });
  });
});
