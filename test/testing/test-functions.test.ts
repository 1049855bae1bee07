import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testFunctions } from '../../src/testing/test-functions.js';

const FIXTURE = join(import.meta.dirname, '..', 'conformance', 'ksqldb-test-functions');

describe('testFunctions', () => {
  it('is the built-ins alone without a directory', async () => {
    const functions = await testFunctions();
    expect(functions.kindOf('ABS')).toBe('scalar');
    expect(functions.kindOf('TEST_UDF')).toBeUndefined();
  });

  it('adds the user functions of a directory: ksqlDB’s test-only functions', async () => {
    const functions = await testFunctions(FIXTURE);
    const kinds = Object.fromEntries(
      ['TEST_UDF', 'BAD_UDF', 'WHENCONDITION', 'TEST_UDTF', 'TEST_UDAF', 'MID_VAR_ARG'].map(
        (name) => [name, functions.kindOf(name)],
      ),
    );
    expect(kinds).toEqual({
      TEST_UDF: 'scalar',
      BAD_UDF: 'scalar',
      WHENCONDITION: 'scalar',
      TEST_UDTF: 'table',
      TEST_UDAF: 'aggregate',
      MID_VAR_ARG: 'aggregate',
    });
    expect(functions.describe('TEST_UDF')?.source).toMatch(/test-udf\.js$/);
  });
});
