import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { prepareWizardData } from '../../../../src/ui/data.js';
import { Workloads } from '../../../../src/ui/screens/workloads/workloads.js';
import { initialWorkloadsState } from '../../../../src/ui/screens/workloads/state.js';
import { renderInk } from '../../../helpers/render-ink.js';
import { createInsightQueue } from '../../../../src/ui/insights.js';
import { fixtureData, fixtureServices, largeInput } from '../../fixtures.js';
import { textField } from '../../../../src/ui/text-edit.js';

describe('workloads screen', () => {
  it('shows SPOF marker, severity, class, known app and readiness for each workload', () => {
    const data = fixtureData();
    const derive = createDerive(data, fixtureServices());
    const decisions = { 'web-frontend': { replicas: 4 } };
    for (const w of data.workloads) derive.insight(w.id, decisions[w.id as 'web-frontend']);
    const h = renderInk(<Workloads state={initialWorkloadsState()} data={data} derive={derive} decisions={decisions} size={{ columns: 80, rows: 24 }} width={80} height={21} />);
    const lines = h.lastFrame().split('\n');
    expect(lines[0]).toBe('Workloads 3 of 3 · sorted by risk (SPOFs, then severity)');
    expect(lines[1]).toMatch(/^ {3}SEVERITY WORKLOAD +CLASS +APP +READY$/);
    expect(lines[2]).toMatch(/^›● HIGH +checkout-api +replicable +— +50%$/);
    expect(lines[3]).toMatch(/^ ● MEDIUM +reports-worker +singleton +— +55%$/);
    expect(lines[4]).toMatch(/^ {3}LOW +✎ web-frontend +replicable +nginx +90%$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    h.unmount();
  });

  it('drops the app column when narrow and shows the filter line while filtering', () => {
    const data = fixtureData();
    const state = { ...initialWorkloadsState(), filtering: true, filter: textField('web') };
    const h = renderInk(<Workloads state={state} data={data} derive={createDerive(data, fixtureServices())} decisions={{}} size={{ columns: 70, rows: 24 }} width={70} height={21} />);
    const lines = h.lastFrame().split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe('Filter / web');
    expect(lines[1]).not.toContain('APP');
    expect(lines[2]).toContain('web-frontend');
    expect(lines).toHaveLength(3);
    h.unmount();
  });

  it('shows rows at once and asks for the visible ones to be planned first', async () => {
    const data = fixtureData();
    const derive = createDerive(data, fixtureServices());
    const queue = createInsightQueue(data, derive);
    const h = renderInk(<Workloads state={initialWorkloadsState()} data={data} derive={derive} decisions={{}} queue={queue} version={0} size={{ columns: 80, rows: 24 }} width={80} height={21} />);
    expect(h.lastFrame().split('\n')[2]).toMatch(/^›● HIGH +checkout-api +… +… +…$/);
    expect(queue.step(1000)).toBe(false);
    h.instance.rerender(<Workloads state={initialWorkloadsState()} data={data} derive={derive} decisions={{}} queue={queue} version={1} size={{ columns: 80, rows: 24 }} width={80} height={21} />);
    await h.waitFor((f) => f.includes('50%'));
    h.unmount();
  });

  it('renders only the visible rows of 10,000 workloads, without planning them', () => {
    const data = prepareWizardData(largeInput(10_000));
    let planned = 0;
    const services = fixtureServices();
    const derive = createDerive(data, { ...services, planFor: (...args) => (planned++, services.planFor(...args)) });
    const h = renderInk(<Workloads state={initialWorkloadsState()} data={data} derive={derive} decisions={{}} size={{ columns: 100, rows: 30 }} width={100} height={27} />);
    const lines = h.lastFrame().split('\n');
    expect(lines[0]).toContain('Workloads 10,000 of 10,000');
    expect(lines.filter((l) => l.includes('svc-'))).toHaveLength(25);
    expect(planned).toBe(0);
    h.unmount();
  });
});
