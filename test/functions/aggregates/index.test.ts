import { describe, expect, it } from 'vitest';
import { functions } from '../../../src/functions/builtins/aggregates/index.js';

describe('aggregate function list', () => {
  it("holds ksqlDB's aggregates, each once", () => {
    const names = functions.map((f) => f.name.toUpperCase());
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([
      'ATTR',
      'AVG',
      'COLLECT_LIST',
      'COLLECT_SET',
      'CORRELATION',
      'COUNT',
      'COUNT_DISTINCT',
      'EARLIEST_BY_OFFSET',
      'HISTOGRAM',
      'LATEST_BY_OFFSET',
      'MAX',
      'MIN',
      'STDDEV_SAMP',
      'STDDEV_SAMPLE',
      'SUM',
      'TOPK',
      'TOPKDISTINCT',
    ]);
  });

  it('declares every entry as an aggregate with at least one signature', () => {
    for (const f of functions) {
      expect(f.kind).toBe('aggregate');
      expect(f.category).toBe('AGGREGATE');
      expect(f.signatures.length).toBeGreaterThan(0);
    }
  });
});
