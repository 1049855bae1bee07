/**
 * A test case as the runner executes it: what ksqlDB's QTT files and ksql-test-runner triples
 * both come down to, after `format` expansion. Records keep their JSON shapes (keys and values
 * exactly as written), because how they become bytes depends on the sources the statements
 * declare.
 */
import type { JsonValue } from './json-text.js';

/** A windowed key's window, as QTT writes it. */
export interface WindowSpec {
  readonly start: number;
  readonly end: number;
  readonly type: 'time' | 'session';
}

/** A record header: its key and its value as base64 (null: a header without a value). */
export interface HeaderSpec {
  readonly key: string;
  readonly value: string | null;
}

/** An input record, or an expected output record. */
export interface RecordSpec {
  readonly topic: string;
  readonly key: JsonValue;
  readonly value: JsonValue;
  /** Absent: 0 for inputs; "any" for expected outputs. */
  readonly timestamp?: number;
  readonly window?: WindowSpec;
  /** Absent: none for inputs; none expected for outputs (as ksqlDB's harness compares). */
  readonly headers?: readonly HeaderSpec[];
}

/** A topic the case declares (`topics`). */
export interface TopicDecl {
  readonly name: string;
  readonly partitions?: number;
  readonly replicas?: number;
  /** Schemas the harness registers under `<name>-key` / `<name>-value` before the case runs. */
  readonly keySchema?: TopicSchema;
  readonly valueSchema?: TopicSchema;
}

/** A schema a topic declares: its registry type, text, id and references. */
export interface TopicSchema {
  readonly schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
  readonly schema: string;
  readonly id?: number;
  readonly references: readonly {
    readonly name: string;
    readonly schemaType: 'AVRO' | 'PROTOBUF' | 'JSON';
    readonly schema: string;
  }[];
}

export interface ExpectedException {
  /** ksqlDB's Java exception class; informative only. */
  readonly type?: string;
  /** Text the error message must contain. */
  readonly message?: string;
}

/** A format as post conditions state it: `"JSON"` or `{"format": "JSON", "windowType": …}`. */
export interface FormatExpectation {
  readonly format: string;
  readonly windowType?: string;
  readonly windowSizeMs?: number;
}

export interface SourceExpectation {
  readonly name: string;
  readonly type: 'stream' | 'table';
  readonly schema?: string;
  readonly keyFormat?: FormatExpectation;
  readonly valueFormat?: FormatExpectation;
}

export interface TopicExpectation {
  readonly name: string;
  readonly keyFormat?: FormatExpectation;
  readonly valueFormat?: FormatExpectation;
  readonly partitions?: number;
}

export interface PostConditions {
  readonly sources: readonly SourceExpectation[];
  readonly topics: readonly TopicExpectation[];
  /** A regex: no topic whose whole name matches may exist. */
  readonly blacklist?: string;
}

export interface TestCase {
  /** The file's name (for QTT, `name.json`; for a triple, the statements file). */
  readonly file: string;
  /** The case's name, with ` - FORMAT` when expanded from `format`. */
  readonly name: string;
  readonly statements: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  readonly topics: readonly TopicDecl[];
  readonly inputs: readonly RecordSpec[];
  readonly outputs: readonly RecordSpec[];
  readonly expectedException?: ExpectedException;
  readonly post?: PostConditions;
  /** `enabled: false` upstream: reported as skipped. */
  readonly disabled?: boolean;
  /** Why the case could not be read; reported as an error. */
  readonly invalid?: string;
  /** Records on sink topics that no expected output names fail the case (ksql-test-runner mode). */
  readonly strictTopics?: boolean;
}

/** `file :: name`, how passing.txt and reports name a case. */
export function caseId(file: string, name: string): string {
  return `${file} :: ${name}`;
}
