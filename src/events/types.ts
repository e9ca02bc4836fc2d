/** Typed progress and diagnostic events: every long step reports through these. */

export type EventLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

interface Base {
  level: EventLevel;
}

export type KubeliftEvent =
  | (Base & { code: 'collect.started'; accounts: number; regions: number; services: number })
  | (Base & { code: 'collect.identity'; accountId: string; arn: string })
  | (Base & { code: 'collect.service-started'; accountId: string; region: string; service: string })
  | (Base & { code: 'collect.progress'; accountId: string; region: string; service: string; resourceType: string; count: number })
  | (Base & { code: 'collect.service-done'; accountId: string; region: string; service: string; count: number; calls: number })
  | (Base & { code: 'collect.coverage-error'; accountId: string; region: string; service: string; error: string })
  | (Base & { code: 'collect.done'; resources: number; calls: number; errors: number; seconds: number })
  | (Base & { code: 'snapshot.written'; path: string; resources: number })
  | (Base & { code: 'model.workloads'; count: number })
  | (Base & { code: 'rules.loaded'; count: number })
  | (Base & { code: 'rules.rule-error'; ruleId: string; resourceId: string; error: string })
  | (Base & { code: 'export.written'; path: string })
  | (Base & { code: 'export.skipped'; path: string; reason: string })
  | (Base & { code: 'message'; text: string });

export type EventCode = KubeliftEvent['code'];

/** Anything that takes events: a terminal renderer, a line printer, a test buffer. */
export interface Reporter {
  emit(event: KubeliftEvent): void;
}

const ORDER: Record<EventLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

/** True when an event at `level` passes a sink whose threshold is `threshold`. */
export function isLevelEnabled(level: EventLevel, threshold: EventLevel): boolean {
  return ORDER[level] <= ORDER[threshold];
}

/** A reporter that drops everything. */
export const silentReporter: Reporter = { emit: () => undefined };
