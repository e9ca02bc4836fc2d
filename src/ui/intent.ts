/**
 * What a screen's reducer asks the shell to do: move to another screen,
 * record a decision, go back. Screens never change each other's state; the
 * shell applies intents in one place.
 */
import type { WorkloadDecision } from '../plan/types.js';

export type Intent =
  | { type: 'open-workloads'; selectId?: string }
  | { type: 'open-detail'; workloadId: string }
  | { type: 'open-decisions'; workloadId: string }
  | { type: 'open-preview'; workloadId: string }
  | { type: 'open-export' }
  | { type: 'decide'; workloadId: string; decision: WorkloadDecision | undefined }
  | { type: 'exported' }
  | { type: 'back' };

/** A screen reducer's answer: its next state and, when it has one, a request to the shell. */
export interface Step<S> {
  state: S;
  intent?: Intent;
}
