/**
 * Keeps the terminal responsive while the engine reads a backlog. The embedded log can answer
 * reads without real I/O, so a query catching up runs from promise to promise without ever giving
 * the event loop a turn: no key (Ctrl-C) would be read and no spinner drawn until it is done. This
 * wrapper lets the event loop run between reads, at most every few milliseconds; everything else
 * goes to the log untouched.
 */
import type { Log } from '../../../log/log.js';

export function responsiveLog(log: Log, everyMs = 15): Log {
  let last = Date.now();
  const read: Log['read'] = async (...args) => {
    const records = await log.read(...args);
    if (Date.now() - last >= everyMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      last = Date.now();
    }
    return records;
  };
  return new Proxy(log, {
    get(target, property) {
      if (property === 'read') return read;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
