import { describe, expect, it } from 'vitest';
import { functions as aggregates } from '../../../src/functions/builtins/aggregates/index.js';
import { functions as tableFunctions } from '../../../src/functions/builtins/table-functions.js';
import { createFunctionRegistry } from '../../../src/functions/registry.js';
import {
  BIGINT,
  BOOLEAN,
  INTEGER,
  STRING,
  arrayType,
  decimalType,
  mapType,
  structType,
  type SqlType,
} from '../../../src/common/sql-types.js';
import type { ArgumentShape } from '../../../src/functions/types.js';

const registry = createFunctionRegistry([...aggregates, ...tableFunctions]);
const column = (type: SqlType): ArgumentShape => ({ kind: 'value', type });
const literal = (type: SqlType, value: unknown): ArgumentShape => ({
  kind: 'value',
  type,
  literal: { value },
});

describe('the aggregate and table functions in the registry', () => {
  it('resolve by name in any case', () => {
    expect(registry.kindOf('Collect_List')).toBe('aggregate');
    expect(registry.kindOf('explode')).toBe('table');
    const sum = registry.resolveAggregate('SUM', [column(decimalType(4, 1))]);
    expect(sum.returnType).toEqual(decimalType(4, 1));
    expect(sum.undo).toBeDefined();
  });

  it('type generic and struct results', () => {
    const latest = registry.resolveAggregate('LATEST_BY_OFFSET', [
      column(STRING),
      literal(INTEGER, 2),
      literal(BOOLEAN, false),
    ]);
    expect(latest.returnType).toEqual(arrayType(STRING));
    expect(latest.result(latest.add(latest.init(), ['a', 2, false]))).toEqual(['a']);
    const topk = registry.resolveAggregate('TOPK', [
      column(INTEGER),
      column(STRING),
      literal(INTEGER, 3),
    ]);
    expect(topk.returnType).toEqual(
      arrayType(
        structType([
          { name: 'sort_col', type: INTEGER },
          { name: 'col0', type: STRING },
        ]),
      ),
    );
  });

  it('name the intermediate type ksqlDB keeps, the result type unless declared', () => {
    const avg = registry.resolveAggregate('AVG', [column(INTEGER)]);
    expect(avg.intermediateType.base).toBe('STRUCT');
    const latest = registry.resolveAggregate('LATEST_BY_OFFSET', [column(STRING)]);
    expect(latest.intermediateType).toEqual(
      structType([
        { name: 'SEQ', type: BIGINT },
        { name: 'VAL', type: STRING },
      ]),
    );
    const sum = registry.resolveAggregate('SUM', [column(INTEGER)]);
    expect(sum.intermediateType).toEqual(sum.returnType);
  });

  it("refuse EXPLODE over a map with ksqlDB's message", () => {
    expect(() => registry.resolveTable('EXPLODE', [column(mapType(STRING, INTEGER))])).toThrow(
      "Function 'explode' does not accept parameters (MAP<STRING, INTEGER>).\n" +
        'Valid alternatives are:\nexplode(ARRAY<DECIMAL> input)\nexplode(ARRAY<T> list)',
    );
  });

  it('explode decimal arrays to their element type', () => {
    const type = decimalType(20, 10);
    expect(registry.resolveTable('EXPLODE', [column(arrayType(type))]).returnType).toEqual(type);
    expect(registry.resolveTable('EXPLODE', [column(arrayType(STRING))]).returnType).toEqual(
      STRING,
    );
  });

  it('describe every function', () => {
    const names = registry.list().map((d) => d.name);
    expect(names).toContain('COLLECT_LIST');
    expect(names).toContain('CUBE_EXPLODE');
  });
});
