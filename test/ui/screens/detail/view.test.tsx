import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { Detail } from '../../../../src/ui/screens/detail/detail.js';
import { initialDetailState } from '../../../../src/ui/screens/detail/state.js';
import { renderInk } from '../../../helpers/render-ink.js';
import { fixtureData, fixtureServices } from '../../fixtures.js';

function render(state = initialDetailState(), columns = 100, rows = 30, decision?: { replicas: number }) {
  const data = fixtureData();
  return renderInk(<Detail state={state} data={data} derive={createDerive(data, fixtureServices())} workloadId="checkout-api" decision={decision} size={{ columns, rows }} />, { columns, rows });
}

describe('detail screen', () => {
  it('shows AWS today beside the Kubernetes plan, and the findings with remedies', () => {
    const h = render();
    const frame = h.lastFrame();
    expect(frame).toContain('checkout-api · Auto Scaling group · us-east-1 · 111111111111 · ● SPOF · HIGH');
    expect(frame).toMatch(/ALB shop · internet-facing .*› workload.kind/);
    expect(frame).toContain('TG checkout · HTTP:8080');
    expect(frame).toContain('i-0a1 (m5.large) · running · healthy');
    expect(frame).toContain('replicaCount');
    expect(frame).toContain('Findings (2)');
    expect(frame).toContain('on AWS: spread the group over at least two zones');
    expect(frame).toContain('on Kubernetes: replicas >= 2');
    h.unmount();
  });

  it('shows the AWS field a selected planned value came from', () => {
    const h = render({ ...initialDetailState(), planIndex: 1 });
    expect(h.lastFrame()).toContain('replicaCount = 2 ← AWS Auto Scaling group checkout-asg · DesiredCapacity');
    expect(h.lastFrame()).toContain('why: max(2, DesiredCapacity=1)');
    h.unmount();
    const decided = render({ ...initialDetailState(), planIndex: 1 }, 100, 30, { replicas: 4 });
    expect(decided.lastFrame()).toContain('replicaCount = 4 ← your decision');
    decided.unmount();
  });

  it('fits 80×24', () => {
    const h = render(initialDetailState(), 80, 24);
    const lines = h.lastFrame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(21);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    h.unmount();
  });
});
