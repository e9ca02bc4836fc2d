import { formatEvent } from './format.js';
import { isLevelEnabled, type EventLevel, type KubeliftEvent, type Reporter } from './types.js';

interface Writable {
  write(chunk: string): unknown;
}

/** One plain line per event on a stream (the default off a TTY and in CI). */
export function plainSink(stream: Writable, threshold: EventLevel = 'info'): Reporter {
  return {
    emit(event) {
      if (!isLevelEnabled(event.level, threshold)) return;
      const prefix = event.level === 'error' ? 'error: ' : event.level === 'warn' ? 'warning: ' : '';
      stream.write(`${prefix}${formatEvent(event)}\n`);
    },
  };
}

/** One JSON object per line, for machines (`--log-format json`). */
export function jsonlSink(stream: Writable, threshold: EventLevel = 'info'): Reporter {
  return {
    emit(event) {
      if (isLevelEnabled(event.level, threshold)) stream.write(`${JSON.stringify(event)}\n`);
    },
  };
}

/** Keeps events in memory; tests assert on them. */
export function memorySink(): Reporter & { events: KubeliftEvent[] } {
  const events: KubeliftEvent[] = [];
  return { events, emit: (event) => void events.push(event) };
}

/** Sends every event to several reporters. */
export function fanOut(...reporters: Reporter[]): Reporter {
  return { emit: (event) => reporters.forEach((r) => r.emit(event)) };
}
