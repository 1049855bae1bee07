/**
 * A value that a format cannot convert, with the path to it inside the record as ksqlDB's JSON
 * reader reports it (`$.ADDRESS.ZIP`, `$[2]`). Thrown by per-type converters, caught by the format,
 * which turns it into a SerdeError with ksqlDB's wording.
 */
export class FieldError extends Error {
  /** Path below the record's root; containers prepend their part as the error passes them. */
  path = '';

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FieldError';
  }

  /** ksqlDB's CoercionException message: the reason and where it happened. */
  get withPath(): string {
    return `${this.reason}, path: $${this.path}`;
  }
}
