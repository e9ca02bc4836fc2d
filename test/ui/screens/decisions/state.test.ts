import { describe, expect, it } from 'vitest';
import type { WorkloadDecision } from '../../../../src/mapping/types.js';
import { keyFrom } from '../../../../src/ui/keymap.js';
import { decisionsReducer, initialDecisionsState, type DecisionsContext, type DecisionsState } from '../../../../src/ui/screens/decisions/state.js';
import { FIELDS } from '../../../../src/ui/screens/decisions/fields.js';
import { fixturePlan, fixtureWorkloads } from '../../fixtures.js';

const web = fixtureWorkloads()[2]!;
function ctx(decision?: WorkloadDecision): DecisionsContext {
  const plan = (d: WorkloadDecision | undefined) => fixturePlan(web, [], d);
  return { workloadId: 'web-frontend', fields: { base: plan(undefined), current: plan(decision), decision, planWith: plan } };
}

function at(field: (typeof FIELDS)[number]): DecisionsState {
  return { ...initialDecisionsState(), cursor: FIELDS.indexOf(field) };
}

describe('decisions reducer', () => {
  it('moves between fields', () => {
    let state = initialDecisionsState();
    state = decisionsReducer(state, { type: 'command', command: 'nav.down' }, ctx())!.state;
    expect(FIELDS[state.cursor]).toBe('kind');
    state = decisionsReducer(state, { type: 'command', command: 'nav.bottom' }, ctx())!.state;
    expect(FIELDS[state.cursor]).toBe('imageTag');
  });

  it('toggles a field with enter and asks the shell to record the decision', () => {
    expect(decisionsReducer(at('include'), { type: 'command', command: 'decision.change' }, ctx())?.intent).toEqual({ type: 'decide', workloadId: 'web-frontend', decision: { include: false } });
    expect(decisionsReducer(at('kind'), { type: 'command', command: 'decision.change' }, ctx())?.intent).toEqual({ type: 'decide', workloadId: 'web-frontend', decision: { kind: 'StatefulSet' } });
    expect(decisionsReducer(at('class'), { type: 'command', command: 'decision.change' }, ctx())?.intent).toEqual({ type: 'decide', workloadId: 'web-frontend', decision: { class: 'replicable-shared-storage' } });
  });

  it('types a value, refuses an invalid one in place, and accepts the correction', () => {
    let state = decisionsReducer(at('replicas'), { type: 'command', command: 'decision.change' }, ctx())!.state;
    expect(state.editing).toMatchObject({ field: 'replicas', text: { value: '3' } });
    const send = (id: string) => decisionsReducer(state, { type: 'type', key: keyFrom(id) }, ctx())!;
    state = send('backspace').state;
    state = send('0').state;
    const refused = send('return');
    expect(refused.intent).toBeUndefined();
    expect(refused.state.editing?.error).toContain('at least 1');
    expect(refused.state.editing?.text.value).toBe('0');
    state = refused.state;
    state = send('backspace').state;
    expect(state.editing?.error).toBeUndefined();
    state = send('4').state;
    const accepted = send('return');
    expect(accepted.state.editing).toBeUndefined();
    expect(accepted.intent).toEqual({ type: 'decide', workloadId: 'web-frontend', decision: { replicas: 4 } });
  });

  it('cancels typing with escape and keeps the decision', () => {
    let state = decisionsReducer(at('ingressClass'), { type: 'command', command: 'decision.change' }, ctx())!.state;
    state = decisionsReducer(state, { type: 'type', key: keyFrom('x') }, ctx())!.state;
    const cancelled = decisionsReducer(state, { type: 'type', key: keyFrom('escape') }, ctx())!;
    expect(cancelled.state.editing).toBeUndefined();
    expect(cancelled.intent).toBeUndefined();
  });

  it('refuses to change a field that does not apply, saying why', () => {
    const result = decisionsReducer(at('minReplicas'), { type: 'command', command: 'decision.change' }, ctx())!;
    expect(result.intent).toBeUndefined();
    expect(result.state.notice).toContain('Autoscaling is off');
  });

  it('resets a field to the default', () => {
    const result = decisionsReducer(at('replicas'), { type: 'command', command: 'decision.reset' }, ctx({ replicas: 7, ingressClass: 'nginx' }));
    expect(result?.intent).toEqual({ type: 'decide', workloadId: 'web-frontend', decision: { ingressClass: 'nginx' } });
  });

  it('opens the preview and leaves other keys to the shell', () => {
    expect(decisionsReducer(initialDecisionsState(), { type: 'command', command: 'workload.preview' }, ctx())?.intent).toEqual({ type: 'open-preview', workloadId: 'web-frontend' });
    expect(decisionsReducer(initialDecisionsState(), { type: 'command', command: 'app.back' }, ctx())).toBeUndefined();
  });

  it('says there is nothing to decide when the workload has no plan', () => {
    const result = decisionsReducer(initialDecisionsState(), { type: 'command', command: 'decision.change' }, { workloadId: 'x', fields: undefined });
    expect(result?.state.notice).toContain('no plan');
  });
});
