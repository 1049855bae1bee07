/**
 * The grace a WINDOW clause gets when it names none: zero under EMIT FINAL (ksqlDB rewrites the
 * window so that final results come out at the window's end), Kafka Streams' 24 hours less the
 * window's size (or session gap) under EMIT CHANGES; a GRACE PERIOD given is kept either way.
 */
import { describe, expect, it } from 'vitest';
import type { WindowExpression } from '../../src/parser/ast.js';
import { windowSpec } from '../../src/planner/plan-query.js';

const span = { line: 1, col: 1, offset: 0 };
const DAY = 24 * 60 * 60 * 1000;

const tumbling = (graceMs?: number): WindowExpression => ({
  kind: 'tumbling',
  span,
  sizeMs: 2,
  ...(graceMs !== undefined ? { graceMs } : {}),
});
const hopping: WindowExpression = { kind: 'hopping', span, sizeMs: 10, advanceMs: 5 };
const session: WindowExpression = { kind: 'session', span, gapMs: 7 };

describe('default grace of a window', () => {
  it('is zero under EMIT FINAL, for every kind of window', () => {
    expect(windowSpec(tumbling(), true).graceMs).toBe(0);
    expect(windowSpec(hopping, true).graceMs).toBe(0);
    expect(windowSpec(session, true).graceMs).toBe(0);
  });

  it('is a day less the size or gap under EMIT CHANGES', () => {
    expect(windowSpec(tumbling(), false).graceMs).toBe(DAY - 2);
    expect(windowSpec(hopping, false).graceMs).toBe(DAY - 10);
    expect(windowSpec(session, false).graceMs).toBe(DAY - 7);
    const big: WindowExpression = { kind: 'tumbling', span, sizeMs: 2 * DAY };
    expect(windowSpec(big, false).graceMs).toBe(0);
  });

  it('keeps a GRACE PERIOD that is given', () => {
    expect(windowSpec(tumbling(5), true).graceMs).toBe(5);
    expect(windowSpec(tumbling(5), false).graceMs).toBe(5);
  });
});
