import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { Decisions } from '../../../../src/ui/screens/decisions/decisions.js';
import { initialDecisionsState } from '../../../../src/ui/screens/decisions/state.js';
import { textField } from '../../../../src/ui/text-edit.js';
import { renderInk } from '../../../helpers/render-ink.js';
import { fixtureData, fixtureServices } from '../../fixtures.js';

const data = fixtureData();

describe('decisions screen', () => {
  it('lists each decision with its value and default, and explains the selected one', () => {
    const h = renderInk(<Decisions state={{ ...initialDecisionsState(), cursor: 3 }} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={{ replicas: 5 }} width={80} height={21} />);
    const frame = h.lastFrame();
    expect(frame).toMatch(/› ✎ Replicas +5 +3/);
    expect(frame).toMatch(/ {4}Autoscaling \(HPA\) +off +off/);
    expect(frame).toContain('Replicas: default 3 ← AWS Auto Scaling group web-asg · DesiredCapacity');
    expect(frame).toContain('why: max(2, DesiredCapacity=3)');
    h.unmount();
  });

  it('shows a refused value in place with the reason', () => {
    const state = { cursor: 3, editing: { field: 'replicas' as const, text: textField('0'), error: 'Replicas must be at least 1.' }, notice: undefined };
    const h = renderInk(<Decisions state={state} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={undefined} width={80} height={21} />);
    expect(h.lastFrame()).toContain('Replicas: 0\n✗ Replicas must be at least 1.');
    h.unmount();
  });

  it('says why a field does not apply and warns about one replica', () => {
    const h = renderInk(<Decisions state={{ ...initialDecisionsState(), cursor: 3 }} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={{ replicas: 1 }} width={80} height={21} />);
    expect(h.lastFrame()).toContain('⚠ One replica makes this workload a singleton');
    h.unmount();
    const off = renderInk(<Decisions state={{ ...initialDecisionsState(), cursor: 5 }} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={undefined} width={80} height={21} />);
    expect(off.lastFrame()).toContain('○ Autoscaling is off');
    off.unmount();
  });
});
