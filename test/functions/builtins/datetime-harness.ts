/** Resolves the date/time built-ins through the registry, as the analyzer does, and calls them. */
import type { SqlType } from '../../../src/common/sql-types.js';
import type { TimeUnit } from '../../../src/parser/ast.js';
import { functions as arith } from '../../../src/functions/builtins/datetime-arith.js';
import { functions as format } from '../../../src/functions/builtins/datetime-format.js';
import { functions as parse } from '../../../src/functions/builtins/datetime-parse.js';
import { functions as unix } from '../../../src/functions/builtins/datetime-unix.js';
import { createFunctionRegistry } from '../../../src/functions/registry.js';
import type { ArgumentShape } from '../../../src/functions/types.js';

export const registry = createFunctionRegistry([...arith, ...format, ...parse, ...unix]);

export type Argument = readonly [SqlType | null, unknown] | { readonly unit: TimeUnit };

/** Calls `name` with typed arguments (`[type, value]`) or interval units (`{ unit }`). */
export function call(name: string, ...args: Argument[]): unknown {
  const shapes: ArgumentShape[] = args.map((a) =>
    'unit' in a ? { kind: 'intervalUnit', unit: a.unit } : { kind: 'value', type: a[0] },
  );
  const resolved = registry.resolveScalar(name, shapes);
  return resolved.invoke(...args.map((a) => ('unit' in a ? a.unit : a[1])));
}

/** The return type `name` resolves to for arguments of these types. */
export function returnType(name: string, ...args: Argument[]): SqlType {
  const shapes: ArgumentShape[] = args.map((a) =>
    'unit' in a ? { kind: 'intervalUnit', unit: a.unit } : { kind: 'value', type: a[0] },
  );
  return registry.resolveScalar(name, shapes).returnType;
}
