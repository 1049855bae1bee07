import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import { substituteVariables } from '../../src/parser/variables.js';
import { parseErrorOf } from './helpers.js';

const vars = (entries: Record<string, string>): ReadonlyMap<string, string> =>
  new Map(Object.entries(entries));

describe('substituteVariables', () => {
  it('replaces identifiers and literals, with case-insensitive names', () => {
    const text =
      "CREATE STREAM ${streamName} (${col} INT) WITH (kafka_topic='${TOPIC}', replicas=${replicas}, x=${str});";
    expect(
      substituteVariables(
        text,
        vars({ STREAMNAME: 's1', col: '`Id`', topic: 't1', Replicas: '3', str: "'john'" }),
      ),
    ).toBe("CREATE STREAM s1 (`Id` INT) WITH (kafka_topic='t1', replicas=3, x='john');");
  });

  it('accepts numbers, booleans and quoted identifiers as values', () => {
    const map = vars({ i: '1', d: '0.32', e: '-1.5E3', b: 'false', q: '"_id_"' });
    expect(substituteVariables('INSERT INTO ${q} VALUES (${i}, ${d}, ${e}, ${b});', map)).toBe(
      'INSERT INTO "_id_" VALUES (1, 0.32, -1.5E3, false);',
    );
  });

  it('leaves undefined variables inside strings, and text without references, alone', () => {
    expect(substituteVariables("SELECT '${nope}' FROM s;", vars({}))).toBe(
      "SELECT '${nope}' FROM s;",
    );
    const text = 'SELECT a FROM s;';
    expect(substituteVariables(text, vars({ a: 'b' }))).toBe(text);
  });

  it('doubles single quotes, keeping a quoted value a single literal', () => {
    expect(
      substituteVariables(
        'CREATE STREAM s1 WITH (kafka_topic=${v});',
        vars({ v: "'t1', value_format='AVRO'" }),
      ),
    ).toBe("CREATE STREAM s1 WITH (kafka_topic='t1'', value_format=''AVRO');");
    expect(substituteVariables("SELECT 'a${v}b' FROM s;", vars({ v: "it's" }))).toBe(
      "SELECT 'ait''sb' FROM s;",
    );
  });

  it('treats $${…} as an escaped reference', () => {
    expect(substituteVariables("DEFINE t = 'topic_$${env}';", vars({ env: 'qa' }))).toBe(
      "DEFINE t = 'topic_${env}';",
    );
    expect(substituteVariables("DEFINE t = 'topic_$${${env}}';", vars({ env: 'qa' }))).toBe(
      "DEFINE t = 'topic_${qa}';",
    );
  });

  it('leaves comments and quoted identifiers untouched', () => {
    const text = 'SELECT `${a}`, "${a}" FROM s -- ${a}\n/* ${a} */ WHERE x = \'${a}\';';
    expect(substituteVariables(text, vars({ a: '1' }))).toBe(
      'SELECT `${a}`, "${a}" FROM s -- ${a}\n/* ${a} */ WHERE x = \'1\';',
    );
  });

  it('refuses an undefined variable outside strings, where it is', () => {
    const error = parseErrorOf(() => substituteVariables('SELECT *\nFROM ${src};', vars({})));
    expect(error.message).toBe("variable 'src' is not defined");
    expect(error.span).toEqual({ line: 2, col: 6, offset: 14 });
  });

  it('refuses a value that is neither one identifier nor one literal (no SQL injection)', () => {
    for (const [text, value] of [
      ['INSERT INTO ${v} VALUES (1);', 's1 (id, name)'],
      ['INSERT INTO s1 VALUES (${v});', '1, 5'],
      ['SELECT * FROM ${v};', 's1 WHERE id = 1'],
      ['SELECT * FROM s1 WHERE id = ${v};', '5 and id != 5'],
      ['DESCRIBE ${v};', '`EXTENDED _id_`'],
      ['DESCRIBE ${v};', '@id'],
    ] as const) {
      const error = parseErrorOf(() => substituteVariables(text, vars({ v: value })));
      expect(error.message).toMatch(/must be an identifier or a literal/);
    }
  });

  it('yields text that parses', () => {
    const text = substituteVariables(
      "CREATE STREAM ${s} WITH (kafka_topic='${t}', partitions=${p});",
      vars({ s: 'orders', t: 'orders_topic', p: '4' }),
    );
    expect(parseStatement(text)).toMatchObject({
      name: 'ORDERS',
      properties: { KAFKA_TOPIC: 'orders_topic', PARTITIONS: 4 },
    });
  });
});
