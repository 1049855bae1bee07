/** Structural equality of typed expressions: how SELECT items are matched to key expressions. */
import type { TypedExpression } from './typed-expression.js';

export function sameExpression(a: TypedExpression, b: TypedExpression): boolean {
  return canonical(a) === canonical(b);
}

function canonical(e: TypedExpression): string {
  return JSON.stringify(e, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v !== null && typeof v === 'object' && 'k' in v && (v as { k: string }).k === 'column') {
      return { k: 'column', index: (v as unknown as { index: number }).index };
    }
    return v;
  });
}
