/**
 * The schema registry as streamsql uses it: Confluent Schema Registry's model of subjects, each a
 * list of versions, each a schema with a global id. Three implementations share this interface:
 * the log-backed registry kept in the `_schemas` topic of an embedded log (log-registry.ts), a
 * client for an external registry's REST API (remote-registry.ts), and the REST server that
 * exposes either to other clients (rest-server.ts).
 *
 * Serdes run per record and never await: they reach the registry through `sync`, which answers
 * from memory (and, for a remote registry, fetches a schema it has not seen yet without a promise).
 */

/** Schema languages, as the registry names them (`schemaType`, absent for AVRO). */
export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

/** An imported schema: `name` is how the referring schema imports it (a Protobuf file name). */
export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

export interface SchemaDefinition {
  readonly schemaType: SchemaType;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
}

export interface RegisteredSchema extends SchemaDefinition {
  readonly id: number;
}

export interface SubjectVersion extends RegisteredSchema {
  readonly subject: string;
  readonly version: number;
}

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export interface CompatibilityResult {
  readonly compatible: boolean;
  readonly messages: readonly string[];
}

export interface RegisterOptions {
  /** Register with this id (as Confluent's IMPORT mode does); refused if it holds another schema. */
  readonly id?: number;
}

/** What serdes may ask without awaiting. */
export interface SyncSchemaLookup {
  schemaById(id: number): RegisteredSchema | undefined;
  subjectVersion(subject: string, version: number | 'latest'): SubjectVersion | undefined;
  /** The id of `schema` under `subject`, registering it first when it is not there. */
  ensureRegistered(subject: string, schema: SchemaDefinition): number;
}

export interface SchemaRegistry {
  /** Registers `schema` under `subject` (a no-op returning the id when it is already there). */
  register(subject: string, schema: SchemaDefinition, options?: RegisterOptions): Promise<number>;
  /** The version of `subject` holding `schema`, if any. */
  lookup(subject: string, schema: SchemaDefinition): Promise<SubjectVersion | undefined>;
  schemaById(id: number): Promise<RegisteredSchema | undefined>;
  /** A version of a subject; `'latest'` is its newest version not deleted. */
  subjectVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion | undefined>;
  subjects(includeDeleted?: boolean): Promise<string[]>;
  versions(subject: string, includeDeleted?: boolean): Promise<number[]>;
  /** The subject/version pairs that hold schema `id`. */
  subjectVersionsForId(id: number): Promise<{ subject: string; version: number }[]>;
  /** Deletes a subject (soft, or permanent after a soft delete); returns the versions deleted. */
  deleteSubject(subject: string, permanent?: boolean): Promise<number[]>;
  deleteVersion(subject: string, version: number | 'latest', permanent?: boolean): Promise<number>;
  /** The compatibility level in force for a subject (its own, else the global one). */
  compatibility(subject?: string): Promise<CompatibilityLevel>;
  /** The level set on a subject itself, or the global level when `subject` is absent. */
  ownCompatibility(subject?: string): Promise<CompatibilityLevel | undefined>;
  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void>;
  /** Whether `schema` could be registered under `subject` (against `version` only, when given). */
  testCompatibility(
    subject: string,
    schema: SchemaDefinition,
    version?: number | 'latest',
  ): Promise<CompatibilityResult>;
  readonly sync: SyncSchemaLookup;
  close(): Promise<void>;
}

/** Confluent's error codes, which clients read from `error_code`. */
export const ERROR_CODES = {
  subjectNotFound: 40401,
  versionNotFound: 40402,
  schemaNotFound: 40403,
  subjectSoftDeleted: 40404,
  subjectNotSoftDeleted: 40405,
  incompatible: 409,
  invalidSchema: 42201,
  invalidVersion: 42202,
  invalidCompatibility: 42203,
  idInUse: 42205,
  internal: 50001,
} as const;

/** A registry operation refused, with Confluent's HTTP status and error code. */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Confluent's TopicNameStrategy: `<topic>-key` / `<topic>-value`. */
export function subjectFor(topic: string, side: 'key' | 'value'): string {
  return `${topic}-${side}`;
}

/** The registry's schema type for a streamsql format (undefined for formats without one). */
export function schemaTypeOfFormat(format: string): SchemaType | undefined {
  switch (format) {
    case 'AVRO':
      return 'AVRO';
    case 'PROTOBUF':
      return 'PROTOBUF';
    case 'JSON_SR':
      return 'JSON';
    default:
      return undefined;
  }
}
