import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { Overview, readinessText } from '../../../../src/ui/screens/overview/overview.js';
import { initialOverviewState } from '../../../../src/ui/screens/overview/state.js';
import { renderInk } from '../../../helpers/render-ink.js';
import { fixtureData, fixtureServices } from '../../fixtures.js';

describe('overview screen', () => {
  it('shows accounts, regions, coverage gaps, resources, findings, SPOFs and readiness', async () => {
    const data = fixtureData();
    const derive = createDerive(data, fixtureServices());
    // Two of three planned: the summary says how far it got.
    derive.insight('checkout-api', undefined);
    derive.insight('reports-worker', undefined);
    const h = renderInk(<Overview state={initialOverviewState()} data={data} derive={derive} decisions={{}} decided={0} width={80} height={21} />);
    expect(h.lastFrame()).toContain('Readiness   2 needs work · average 53 · scoring 2/3…');
    derive.insight('web-frontend', undefined);
    h.instance.rerender(<Overview state={initialOverviewState()} data={data} derive={derive} decisions={{}} decided={0} width={80} height={21} version={1} />);
    const frame = await h.waitFor((f) => f.includes('average 65'));
    expect(frame).toContain('Accounts    111111111111');
    expect(frame).toContain('Regions     us-east-1');
    expect(frame).toContain('1 gap(s)');
    expect(frame).toContain('us-east-1 elb: AccessDenied');
    expect(frame).toContain('Instance 5');
    expect(frame).toContain('Findings    0 critical · 2 high · 1 medium · 1 low · 0 info');
    expect(frame).toContain('2 workload(s) have a single point of failure');
    expect(frame).toContain('● checkout-api · HIGH · 2 finding(s)');
    expect(frame).toContain('Readiness   2 needs work · 1 ready · average 65');
    h.unmount();
  });

  it('says how far background scoring got', () => {
    expect(readinessText({ scored: 10, total: 10_000, labels: [{ label: 'ready', count: 10 }], average: 90, failed: 0 })).toBe('10 ready · average 90 · scoring 10/10,000…');
    expect(readinessText({ scored: 3, total: 3, labels: [], average: undefined, failed: 3 })).toBe('3 could not be planned');
  });
});
