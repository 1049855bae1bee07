import { afterEach, describe, expect, it } from 'vitest';
import type { StatementResult } from '../../src/engine/results.js';
import { openTestEngine, removeDir, type TestEngine } from './helpers.js';

let t: TestEngine | undefined;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dir);
    t = undefined;
  }
});

const text = (r: StatementResult | undefined): string => (r?.kind === 'text' ? r.text : '');

describe('state stores in EXPLAIN and DESCRIBE EXTENDED', () => {
  it('lists the changelog-backed store of an aggregate, and none for a stateless query', async () => {
    t = await openTestEngine();
    await t.run(`
CREATE STREAM pv (id INT KEY, page STRING) WITH (kafka_topic='pv', partitions=1, value_format='JSON');
CREATE TABLE counts AS SELECT page, COUNT(*) AS n FROM pv GROUP BY page;
CREATE STREAM copy AS SELECT * FROM pv;
INSERT INTO pv (id, page) VALUES (1, '/a');`);
    const [explainAgg, explainCopy, describe] = await t.engine.executeScript(
      'EXPLAIN CTAS_COUNTS_0; EXPLAIN CSAS_COPY_1; DESCRIBE counts EXTENDED;',
    );
    const changelog =
      '_confluent-ksql-default_query_CTAS_COUNTS_0-Aggregate-Aggregate-Materialize-changelog';
    expect(text(explainAgg)).toContain(
      `> Aggregate Aggregate-Materialize (changelog: ${changelog})`,
    );
    expect(text(explainCopy)).not.toContain('State stores');
    expect(text(describe)).toContain('State stores of CTAS_COUNTS_0:');
    expect(text(describe)).toContain(`(changelog: ${changelog})`);
  });
});
