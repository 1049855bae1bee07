/**
 * ksqlDB's coercion of a user-supplied list to one type (CoercionUtil.coerceUserList), used for
 * `x IN (a, b, …)` and ARRAY constructors: the common type is the widest of the list, found element by element —
 * numbers widen; a string literal read as a number gives the number's type (`'2147483648'` is a
 * BIGINT); a string literal next to a BOOLEAN must read as one (`'tr'`, `'Y'`); any other literal
 * may become a STRING; ARRAY, MAP and STRUCT constructors contribute their elements (a STRUCT
 * constructor adds its fields). Literals are then converted to the common type and other
 * expressions cast to it. Errors are ksqlDB's: `operator does not exist: BIGINT = BOOLEAN (true)`.
 */
import { Decimal } from '../common/decimal.js';
import { AnalysisError } from '../common/errors.js';
import type { Span } from '../common/span.js';
import { isNumeric, typesEqual, type SqlType } from '../common/sql-types.js';
import type { Expression } from '../parser/ast.js';
import { castTo, coerceStringLiteral, integerAsDecimal, widerNumeric } from './coercion.js';
import { decimalLiteral } from './expression-typer.js';
import { printAst } from './print-ast.js';
import type { TypedExpression } from './typed-expression.js';

interface Item {
  readonly ast: Expression;
  /** null for a NULL literal. */
  readonly type: SqlType | null;
}

/** A failure to find a common type; an enclosing constructor reports itself instead. */
class InvalidCoercion extends AnalysisError {}

const NUMERIC_RANK: Record<string, number> = { INTEGER: 0, BIGINT: 1, DECIMAL: 2, DOUBLE: 3 };
const NULL_AST: Expression = { kind: 'null', span: { line: 0, col: 0, offset: 0 } } as Expression;

/**
 * Types `asts` with `type` and brings them to their common type. Errors of the coercion (not of
 * typing the elements) get `prefix`, as ksqlDB's `Invalid Predicate: ` for IN.
 */
export function coerceUserList(
  asts: readonly Expression[],
  type: (e: Expression) => TypedExpression,
  span: Span,
  prefix: string,
): { readonly common: SqlType | null; readonly items: TypedExpression[] } {
  const typed = asts.map(type);
  try {
    const items = asts.map((ast, i) => ({ ast, type: typeOf(typed[i]!) }));
    const common = commonTypeOf(items, type);
    if (common === null) return { common, items: typed };
    return { common, items: items.map((item, i) => convert(item, typed[i]!, common, span)) };
  } catch (error) {
    if (error instanceof AnalysisError && prefix !== '' && !error.message.startsWith(prefix)) {
      throw new AnalysisError(prefix + error.message, span);
    }
    throw error;
  }
}

function typeOf(e: TypedExpression): SqlType | null {
  return e.k === 'unit' ? null : e.type;
}

function commonTypeOf(items: readonly Item[], type: (e: Expression) => TypedExpression) {
  let common: SqlType | null = null;
  for (const item of items) common = resolve(item, common, type);
  return common;
}

function resolve(
  item: Item,
  common: SqlType | null,
  type: (e: Expression) => TypedExpression,
): SqlType | null {
  if (common === null) return item.type;
  if (item.type === null) return common;
  const ast = item.ast;
  switch (ast.kind) {
    case 'array': {
      if (common.base !== 'ARRAY') throw coercionFailure(item, common);
      return nested(item, common, () => ({
        base: 'ARRAY',
        items: elementsType(common.items, ast.items, type),
      }));
    }
    case 'map': {
      if (common.base !== 'MAP') throw coercionFailure(item, common);
      return nested(item, common, () => ({
        base: 'MAP',
        key: elementsType(
          common.key,
          ast.entries.map((x) => x.key),
          type,
        ),
        value: elementsType(
          common.value,
          ast.entries.map((x) => x.value),
          type,
        ),
      }));
    }
    case 'struct': {
      if (common.base !== 'STRUCT') throw coercionFailure(item, common);
      return nested(item, common, () => structType(ast, common, type));
    }
    case 'string':
      if (isNumeric(common)) return numericFromString(ast.value, common);
      if (common.base === 'BOOLEAN') {
        if (laxBoolean(ast.value) === undefined) throw invalidSyntax(ast.value, common);
        return common;
      }
      break;
    default:
      break;
  }
  return simpleCommonType(item, common);
}

function nested(item: Item, target: SqlType, build: () => SqlType): SqlType {
  try {
    return build();
  } catch (error) {
    if (error instanceof InvalidCoercion) throw coercionFailure(item, target);
    throw error;
  }
}

/** The common type of a constructor's elements with the type they must reach. */
function elementsType(
  target: SqlType,
  elements: readonly Expression[],
  type: (e: Expression) => TypedExpression,
): SqlType {
  if (elements.length === 0) return target;
  const items: Item[] = [
    { ast: NULL_AST, type: target },
    ...elements.map((ast) => ({ ast, type: typeOf(type(ast)) })),
  ];
  return commonTypeOf(items, type) ?? target;
}

function structType(
  ast: Extract<Expression, { kind: 'struct' }>,
  target: Extract<SqlType, { base: 'STRUCT' }>,
  type: (e: Expression) => TypedExpression,
): SqlType {
  const names = [
    ...new Set([...ast.fields.map((f) => f.name), ...target.fields.map((f) => f.name)]),
  ];
  const fields = names.map((name) => {
    const source = ast.fields.find((f) => f.name === name);
    const sourceType = source ? typeOf(type(source.value)) : null;
    const targetType = target.fields.find((f) => f.name === name)?.type ?? null;
    let fieldType: SqlType | null;
    if (targetType === null) fieldType = sourceType;
    else if (sourceType === null) fieldType = targetType;
    else fieldType = resolve({ ast: source!.value, type: sourceType }, targetType, type);
    if (fieldType === null) {
      throw new AnalysisError(`Cannot determine the type of struct field ${name}`);
    }
    return { name, type: fieldType };
  });
  return { base: 'STRUCT', fields };
}

function numericFromString(text: string, target: SqlType): SqlType {
  const source = stringNumericType(text);
  if (source === undefined) throw invalidSyntax(text, target);
  if (source.base === 'DOUBLE' || target.base === 'DOUBLE') return { base: 'DOUBLE' };
  if (source.base === 'DECIMAL' || target.base === 'DECIMAL') return widerNumeric(source, target);
  return NUMERIC_RANK[source.base]! <= NUMERIC_RANK[target.base]! ? target : source;
}

/** The type of a number written in a string, as ksqlDB reads it with BigDecimal. */
function stringNumericType(text: string): SqlType | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  if (!/[.eE]/.test(text)) {
    const n = BigInt(trimmed);
    if (n > -2147483648n && n < 2147483647n) return { base: 'INTEGER' };
    if (n > -9223372036854775808n && n < 9223372036854775807n) return { base: 'BIGINT' };
  }
  const plain = /[eE]/.test(trimmed) ? new Decimal(trimmed).toFixed() : trimmed;
  return (decimalLiteral(plain.replace(/^\+/, '')) as { type: SqlType }).type;
}

function simpleCommonType(item: Item, target: SqlType): SqlType {
  const source = item.type!;
  const lax = isLiteral(item.ast);
  const common = canCoerce(source, target, lax) ?? canCoerce(target, source, lax);
  if (common === null) throw coercionFailure(item, target);
  return common;
}

/** ksqlDB's DefaultSqlValueCoercer at the type level: STRICT for expressions, LAX for literals. */
function canCoerce(from: SqlType, to: SqlType, lax: boolean): SqlType | null {
  if (typesEqual(from, to)) return to;
  if (isNumeric(from) && isNumeric(to)) {
    if (NUMERIC_RANK[from.base]! > NUMERIC_RANK[to.base]!) return null;
    return to.base === 'DECIMAL' ? widerNumeric(integerAsDecimal(from), to) : to;
  }
  if (lax && to.base === 'STRING' && isPrimitive(from)) return to;
  if (from.base === 'ARRAY' && to.base === 'ARRAY') {
    const items = canCoerce(from.items, to.items, lax);
    return items && { base: 'ARRAY', items };
  }
  if (from.base === 'MAP' && to.base === 'MAP') {
    const key = canCoerce(from.key, to.key, lax);
    const value = canCoerce(from.value, to.value, lax);
    return key && value && { base: 'MAP', key, value };
  }
  if (from.base === 'STRUCT' && to.base === 'STRUCT') {
    const fields = to.fields.map((field) => {
      const source = from.fields.find((f) => f.name === field.name);
      return source ? { name: field.name, type: canCoerce(source.type, field.type, lax) } : field;
    });
    const covered = from.fields.every((f) => to.fields.some((t) => t.name === f.name));
    if (!covered || fields.some((f) => f.type === null)) return null;
    return { base: 'STRUCT', fields: fields as { name: string; type: SqlType }[] };
  }
  return null;
}

function convert(item: Item, typed: TypedExpression, common: SqlType, span: Span) {
  if (item.type === null || typesEqual(item.type, common)) return castTo(typed, common);
  const ast = item.ast;
  if (ast.kind === 'string') {
    if (common.base === 'BOOLEAN') {
      return { k: 'literal', type: common, value: laxBoolean(ast.value)! } as TypedExpression;
    }
    return coerceStringLiteral(ast.value, common, span);
  }
  if (common.base === 'STRING' && isLiteral(ast) && typed.k === 'literal') {
    const text = ast.kind === 'integer' || ast.kind === 'decimal' ? ast.text : String(typed.value);
    return { k: 'literal', type: common, value: text } as TypedExpression;
  }
  return castTo(typed, common);
}

/** ksqlDB's lax BOOLEAN reading: a prefix of true/yes or false/no, in any case. */
function laxBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === '') return undefined;
  if ('true'.startsWith(lower) || 'yes'.startsWith(lower)) return true;
  if ('false'.startsWith(lower) || 'no'.startsWith(lower)) return false;
  return undefined;
}

function isLiteral(e: Expression): boolean {
  return ['boolean', 'integer', 'decimal', 'double', 'string', 'null'].includes(e.kind);
}

function isPrimitive(t: SqlType): boolean {
  return t.base !== 'ARRAY' && t.base !== 'MAP' && t.base !== 'STRUCT';
}

function invalidSyntax(text: string, target: SqlType): AnalysisError {
  return new AnalysisError(`invalid input syntax for type ${target.base}: "${text}".`);
}

function coercionFailure(item: Item, target: SqlType): InvalidCoercion {
  return new InvalidCoercion(
    `operator does not exist: ${ksqlTypeText(target)} = ${ksqlTypeText(item.type!)} (${printAst(item.ast)})\n` +
      'Hint: You might need to add explicit type casts.',
  );
}

/** A type as ksqlDB's SqlType.toString prints it: struct field names quoted. */
export function ksqlTypeText(t: SqlType): string {
  switch (t.base) {
    case 'DECIMAL':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'ARRAY':
      return `ARRAY<${ksqlTypeText(t.items)}>`;
    case 'MAP':
      return `MAP<${ksqlTypeText(t.key)}, ${ksqlTypeText(t.value)}>`;
    case 'STRUCT':
      return `STRUCT<${t.fields.map((f) => `\`${f.name}\` ${ksqlTypeText(f.type)}`).join(', ')}>`;
    default:
      return t.base;
  }
}
