/** ksqlDB's rules for key column types. */
import { AnalysisError } from '../common/errors.js';
import type { Column } from '../common/schema.js';
import { formatType, type SqlType } from '../common/sql-types.js';

function containsMap(t: SqlType): boolean {
  switch (t.base) {
    case 'MAP':
      return true;
    case 'ARRAY':
      return containsMap(t.items);
    case 'STRUCT':
      return t.fields.some((f) => containsMap(f.type));
    default:
      return false;
  }
}

/** Map keys serialize inconsistently, so ksqlDB refuses them (confluentinc/ksql#6621). */
export function checkKeyTypes(keyColumns: readonly Column[]): void {
  for (const c of keyColumns) {
    if (containsMap(c.type)) {
      throw new AnalysisError(
        `Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to inconsistent serialization. Key column name: \`${c.name}\`. Column type: ${formatType(c.type, true)}. See https://github.com/confluentinc/ksql/issues/6621 for more.`,
      );
    }
  }
}
