/**
 * ksqlDB keeps an aggregation's accumulators in a state store and its changelog topic, written in
 * the source's value format, so it refuses an aggregate whose intermediate type (its UDAF's
 * aggregate type: AVG's STRUCT<SUM, COUNT>, TOPK's ARRAY) the format cannot hold, before any
 * check of the sink's columns.
 */
import { AnalysisError } from '../common/errors.js';
import type { ArgumentShape, FunctionRegistry } from '../functions/types.js';
import { checkFormatSupports } from '../serde/format-support.js';
import type { QueryAnalysis } from './analyze-query.js';

const MESSAGE =
  'One of the functions used in the statement has an intermediate type that the value format ' +
  'can not handle. Please remove the function or change the format.';

export function checkIntermediateTypes(analysis: QueryAnalysis, functions: FunctionRegistry): void {
  const aggregates = analysis.aggregate?.aggregates ?? [];
  const format = analysis.source.valueFormat.format;
  for (const call of aggregates) {
    const shapes: ArgumentShape[] = call.args.map((a) =>
      a.k === 'unit'
        ? { kind: 'intervalUnit', unit: a.unit }
        : {
            kind: 'value',
            type: a.type,
            ...(a.k === 'literal' ? { literal: { value: a.value } } : {}),
          },
    );
    const { intermediateType } = functions.resolveAggregate(call.name, shapes);
    try {
      checkFormatSupports(format, [{ name: call.name, type: intermediateType }], 'value');
    } catch (error) {
      if (error instanceof AnalysisError) throw new AnalysisError(MESSAGE);
      throw error;
    }
  }
}
