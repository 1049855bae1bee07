/**
 * The abstract syntax tree of ksqlDB's dialect, as produced by grammar/ksql.peggy.
 *
 * Conventions the grammar follows and every consumer relies on:
 * - Every node is a readonly object with a `kind` literal and a `span` (where it starts).
 * - Identifiers are normalized as ksqlDB does: unquoted ones are upper-cased, back-quoted
 *   (and double-quoted) ones keep their case exactly. So `foo`, `FOO` and `\`FOO\`` are equal.
 * - Durations (window sizes, WITHIN, GRACE PERIOD, RETENTION) are resolved to milliseconds.
 * - WITH (…) property names are upper-cased; values keep their literal type.
 */
import type { Span } from '../common/span.js';

// ---------------------------------------------------------------- types

/** A type as written: a SQL type, or the name of a type made with CREATE TYPE. */
export type TypeNode =
  | { readonly kind: 'primitiveType'; readonly span: Span; readonly base: PrimitiveBase }
  | {
      readonly kind: 'decimalType';
      readonly span: Span;
      readonly precision: number;
      readonly scale: number;
    }
  | { readonly kind: 'arrayType'; readonly span: Span; readonly items: TypeNode }
  | {
      readonly kind: 'mapType';
      readonly span: Span;
      readonly key: TypeNode;
      readonly value: TypeNode;
    }
  | {
      readonly kind: 'structType';
      readonly span: Span;
      readonly fields: readonly { readonly name: string; readonly type: TypeNode }[];
    }
  | { readonly kind: 'namedType'; readonly span: Span; readonly name: string };

/** VARCHAR is STRING and INT is INTEGER once parsed. */
export type PrimitiveBase =
  'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'STRING' | 'BYTES' | 'TIMESTAMP' | 'DATE' | 'TIME';

// ---------------------------------------------------------------- expressions

export type Expression =
  | NullLiteral
  | BooleanLiteral
  | IntegerLiteral
  | DecimalLiteral
  | DoubleLiteral
  | StringLiteral
  | ColumnRef
  | Dereference
  | Subscript
  | Arithmetic
  | Negate
  | Comparison
  | Logical
  | Not
  | IsNull
  | Between
  | InList
  | Like
  | SearchedCase
  | SimpleCase
  | Cast
  | FunctionCall
  | Lambda
  | ArrayConstructor
  | MapConstructor
  | StructConstructor
  | IntervalUnitArg;

export interface NullLiteral {
  readonly kind: 'null';
  readonly span: Span;
}
export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly span: Span;
  readonly value: boolean;
}
/**
 * A whole number as written (`42`, `3000000000`): INT when it fits, else BIGINT. As in ksqlDB, a
 * minus sign directly before a number is part of it (`-2147483648` is one INT literal).
 */
export interface IntegerLiteral {
  readonly kind: 'integer';
  readonly span: Span;
  readonly text: string;
}
/** A number with a decimal point and no exponent (`1.50`): a DECIMAL in ksqlDB. */
export interface DecimalLiteral {
  readonly kind: 'decimal';
  readonly span: Span;
  readonly text: string;
}
/** A number with an exponent (`1.5E3`): a DOUBLE. */
export interface DoubleLiteral {
  readonly kind: 'double';
  readonly span: Span;
  readonly text: string;
}
/** A string literal with its quotes and `''` escapes already resolved. */
export interface StringLiteral {
  readonly kind: 'string';
  readonly span: Span;
  readonly value: string;
}
/** `col` or `source.col` (source is the name or alias of a FROM relation). */
export interface ColumnRef {
  readonly kind: 'column';
  readonly span: Span;
  readonly source?: string;
  readonly name: string;
}
/** `base->field`: struct field access. */
export interface Dereference {
  readonly kind: 'dereference';
  readonly span: Span;
  readonly base: Expression;
  readonly field: string;
}
/** `base[index]`: array element (1-based, negative from the end) or map value. */
export interface Subscript {
  readonly kind: 'subscript';
  readonly span: Span;
  readonly base: Expression;
  readonly index: Expression;
}
export interface Arithmetic {
  readonly kind: 'arithmetic';
  readonly span: Span;
  readonly op: '+' | '-' | '*' | '/' | '%';
  readonly left: Expression;
  readonly right: Expression;
}
/** Unary minus (unary plus is dropped by the parser). */
export interface Negate {
  readonly kind: 'negate';
  readonly span: Span;
  readonly operand: Expression;
}
export interface Comparison {
  readonly kind: 'comparison';
  readonly span: Span;
  /** `!=` is parsed as `<>`. */
  readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=' | 'isDistinctFrom' | 'isNotDistinctFrom';
  readonly left: Expression;
  readonly right: Expression;
}
export interface Logical {
  readonly kind: 'logical';
  readonly span: Span;
  readonly op: 'and' | 'or';
  readonly left: Expression;
  readonly right: Expression;
}
export interface Not {
  readonly kind: 'not';
  readonly span: Span;
  readonly operand: Expression;
}
export interface IsNull {
  readonly kind: 'isNull';
  readonly span: Span;
  readonly operand: Expression;
  readonly negated: boolean;
}
export interface Between {
  readonly kind: 'between';
  readonly span: Span;
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
}
export interface InList {
  readonly kind: 'in';
  readonly span: Span;
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
}
export interface Like {
  readonly kind: 'like';
  readonly span: Span;
  readonly operand: Expression;
  readonly pattern: Expression;
  /** The ESCAPE character, when given. */
  readonly escape?: string;
  readonly negated: boolean;
}
export interface SearchedCase {
  readonly kind: 'searchedCase';
  readonly span: Span;
  readonly whens: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly else?: Expression;
}
export interface SimpleCase {
  readonly kind: 'simpleCase';
  readonly span: Span;
  readonly operand: Expression;
  readonly whens: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly else?: Expression;
}
export interface Cast {
  readonly kind: 'cast';
  readonly span: Span;
  readonly operand: Expression;
  readonly type: TypeNode;
}
/** `NAME(args)`, `COUNT(*)` (star), `COUNT(DISTINCT x)` is not ksqlDB syntax and is not parsed. */
export interface FunctionCall {
  readonly kind: 'call';
  readonly span: Span;
  /** Upper-cased function name. */
  readonly name: string;
  readonly args: readonly Expression[];
  readonly star: boolean;
}
/** `x => body` or `(x, y) => body`; parameter names normalized like identifiers. */
export interface Lambda {
  readonly kind: 'lambda';
  readonly span: Span;
  readonly params: readonly string[];
  readonly body: Expression;
}
export interface ArrayConstructor {
  readonly kind: 'array';
  readonly span: Span;
  readonly items: readonly Expression[];
}
/** `MAP(k := v, …)`. */
export interface MapConstructor {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly { readonly key: Expression; readonly value: Expression }[];
}
/** `STRUCT(name := value, …)`; field names normalized like identifiers. */
export interface StructConstructor {
  readonly kind: 'struct';
  readonly span: Span;
  readonly fields: readonly { readonly name: string; readonly value: Expression }[];
}
/** A time-unit keyword passed as a function argument, as in `TIMESTAMPADD(SECONDS, 5, ts)`. */
export interface IntervalUnitArg {
  readonly kind: 'intervalUnit';
  readonly span: Span;
  readonly unit: TimeUnit;
}

export type TimeUnit =
  | 'MILLISECONDS'
  | 'SECONDS'
  | 'MINUTES'
  | 'HOURS'
  | 'DAYS'
  | 'WEEKS'
  | 'MONTHS'
  | 'YEARS'
  | 'NANOSECONDS'
  | 'MICROSECONDS';

// ---------------------------------------------------------------- queries

export type SelectItem =
  | { readonly kind: 'allColumns'; readonly span: Span; readonly source?: string }
  /** `base->*`: every field of a struct, each as its own column. */
  | { readonly kind: 'structAll'; readonly span: Span; readonly base: Expression }
  | {
      readonly kind: 'selectExpression';
      readonly span: Span;
      readonly expression: Expression;
      readonly alias?: string;
    };

export type Relation = AliasedSource | JoinRelation;

export interface AliasedSource {
  readonly kind: 'source';
  readonly span: Span;
  readonly name: string;
  readonly alias?: string;
}

export interface JoinRelation {
  readonly kind: 'join';
  readonly span: Span;
  readonly joinType: 'inner' | 'left' | 'right' | 'full';
  readonly left: Relation;
  readonly right: AliasedSource;
  readonly on: Expression;
  readonly within?: JoinWindow;
}

/** `WITHIN 10 SECONDS` (before = after) or `WITHIN (1 SECOND, 2 SECONDS)`, with GRACE PERIOD. */
export interface JoinWindow {
  readonly span: Span;
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly graceMs?: number;
}

export type WindowExpression =
  | {
      readonly kind: 'tumbling';
      readonly span: Span;
      readonly sizeMs: number;
      readonly retentionMs?: number;
      readonly graceMs?: number;
    }
  | {
      readonly kind: 'hopping';
      readonly span: Span;
      readonly sizeMs: number;
      readonly advanceMs: number;
      readonly retentionMs?: number;
      readonly graceMs?: number;
    }
  | {
      readonly kind: 'session';
      readonly span: Span;
      readonly gapMs: number;
      readonly retentionMs?: number;
      readonly graceMs?: number;
    };

export interface Query {
  readonly kind: 'query';
  readonly span: Span;
  readonly select: readonly SelectItem[];
  readonly from: Relation;
  readonly window?: WindowExpression;
  readonly where?: Expression;
  readonly groupBy?: readonly Expression[];
  readonly partitionBy?: readonly Expression[];
  readonly having?: Expression;
  /** EMIT CHANGES / EMIT FINAL; absent for a pull query. */
  readonly emit?: 'changes' | 'final';
  readonly limit?: number;
}

// ---------------------------------------------------------------- statements

/** A WITH (…) value. */
export type PropertyValue = string | number | boolean | null;

/** WITH (…) properties, names upper-cased, in the order written. */
export type Properties = Readonly<Record<string, PropertyValue>>;

export interface TableElement {
  readonly span: Span;
  readonly name: string;
  readonly type: TypeNode;
  /** KEY, PRIMARY KEY, HEADERS, or HEADER('key'). */
  readonly constraint?:
    | { readonly kind: 'key' }
    | { readonly kind: 'primaryKey' }
    | { readonly kind: 'headers' }
    | { readonly kind: 'header'; readonly key: string };
}

export type Statement =
  | CreateSource
  | CreateAsSelect
  | InsertInto
  | InsertValues
  | SelectStatement
  | DropSource
  | Terminate
  | Show
  | Describe
  | DescribeFunction
  | Explain
  | SetProperty
  | UnsetProperty
  | DefineVariable
  | UndefineVariable
  | Print
  | RunScript
  | CreateType
  | DropType
  | AssertTopic
  | AssertSchema
  | AlterSource;

interface StatementBase {
  readonly span: Span;
  /** The statement's own text, from its first token to its `;` inclusive. */
  readonly text: string;
}

/** CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name (elements) WITH (…). */
export interface CreateSource extends StatementBase {
  readonly kind: 'createSource';
  readonly sourceType: 'stream' | 'table';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  /** CREATE SOURCE STREAM/TABLE: read-only. */
  readonly readOnly: boolean;
  readonly name: string;
  readonly nameSpan: Span;
  readonly elements: readonly TableElement[];
  readonly properties: Properties;
}

/** CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (…)] AS SELECT …. */
export interface CreateAsSelect extends StatementBase {
  readonly kind: 'createAsSelect';
  readonly sourceType: 'stream' | 'table';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: string;
  readonly nameSpan: Span;
  readonly properties: Properties;
  readonly query: Query;
}

/** INSERT INTO target [WITH (…)] SELECT …. */
export interface InsertInto extends StatementBase {
  readonly kind: 'insertInto';
  readonly target: string;
  readonly targetSpan: Span;
  readonly properties: Properties;
  readonly query: Query;
}

/** INSERT INTO target [(columns)] VALUES (…). */
export interface InsertValues extends StatementBase {
  readonly kind: 'insertValues';
  readonly target: string;
  readonly targetSpan: Span;
  readonly columns?: readonly string[];
  readonly values: readonly Expression[];
}

/** A push (EMIT …) or pull query on its own. */
export interface SelectStatement extends StatementBase {
  readonly kind: 'select';
  readonly query: Query;
}

/** ALTER STREAM|TABLE name ADD [COLUMN] name type [, ADD [COLUMN] …]. */
export interface AlterSource extends StatementBase {
  readonly kind: 'alterSource';
  readonly sourceType: 'stream' | 'table';
  readonly name: string;
  readonly columns: readonly TableElement[];
}

export interface DropSource extends StatementBase {
  readonly kind: 'dropSource';
  readonly sourceType: 'stream' | 'table';
  readonly name: string;
  readonly ifExists: boolean;
  readonly deleteTopic: boolean;
}

/** TERMINATE query_id | TERMINATE ALL. */
export interface Terminate extends StatementBase {
  readonly kind: 'terminate';
  readonly queryId?: string;
  readonly all: boolean;
}

/** SHOW|LIST …. */
export interface Show extends StatementBase {
  readonly kind: 'show';
  readonly what:
    | 'streams'
    | 'tables'
    | 'queries'
    | 'topics'
    | 'functions'
    | 'properties'
    | 'variables'
    | 'types';
  readonly extended: boolean;
  /** SHOW ALL TOPICS includes internal topics. */
  readonly all: boolean;
}

/** DESCRIBE [EXTENDED] name, and DESCRIBE STREAMS|TABLES [EXTENDED]. */
export interface Describe extends StatementBase {
  readonly kind: 'describe';
  readonly target:
    | { readonly kind: 'source'; readonly name: string }
    | { readonly kind: 'streams' }
    | { readonly kind: 'tables' };
  readonly extended: boolean;
}

export interface DescribeFunction extends StatementBase {
  readonly kind: 'describeFunction';
  readonly name: string;
}

/** EXPLAIN query_id | EXPLAIN statement. */
export interface Explain extends StatementBase {
  readonly kind: 'explain';
  readonly queryId?: string;
  readonly statement?: Statement;
}

/** SET 'name' = 'value'. */
export interface SetProperty extends StatementBase {
  readonly kind: 'setProperty';
  readonly name: string;
  readonly value: string;
}

export interface UnsetProperty extends StatementBase {
  readonly kind: 'unsetProperty';
  readonly name: string;
}

/** DEFINE name = 'value'; names keep their case as written (ksqlDB variables are case-insensitive: the engine folds them). */
export interface DefineVariable extends StatementBase {
  readonly kind: 'defineVariable';
  readonly name: string;
  readonly value: string;
}

export interface UndefineVariable extends StatementBase {
  readonly kind: 'undefineVariable';
  readonly name: string;
}

/**
 * PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]. The topic name keeps its case, quoted or
 * not (as in ksqlDB).
 */
export interface Print extends StatementBase {
  readonly kind: 'print';
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly interval?: number;
  readonly limit?: number;
}

export interface RunScript extends StatementBase {
  readonly kind: 'runScript';
  readonly path: string;
}

export interface CreateType extends StatementBase {
  readonly kind: 'createType';
  readonly name: string;
  readonly type: TypeNode;
  readonly ifNotExists: boolean;
}

export interface DropType extends StatementBase {
  readonly kind: 'dropType';
  readonly name: string;
  readonly ifExists: boolean;
}

/**
 * ASSERT [NOT EXISTS] TOPIC name [WITH (…)] [TIMEOUT n unit]. The name keeps its case, as PRINT's
 * does.
 */
export interface AssertTopic extends StatementBase {
  readonly kind: 'assertTopic';
  readonly topic: string;
  readonly exists: boolean;
  readonly properties: Properties;
  readonly timeoutMs?: number;
}

/** ASSERT [NOT EXISTS] SCHEMA [SUBJECT name] [ID n] [TIMEOUT n unit]. */
export interface AssertSchema extends StatementBase {
  readonly kind: 'assertSchema';
  readonly exists: boolean;
  readonly subject?: string;
  readonly id?: number;
  readonly timeoutMs?: number;
}
