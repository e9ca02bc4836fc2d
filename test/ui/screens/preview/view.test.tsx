import { describe, expect, it } from 'vitest';
import { createDerive } from '../../../../src/ui/derive.js';
import { Preview } from '../../../../src/ui/screens/preview/preview.js';
import { initialPreviewState } from '../../../../src/ui/screens/preview/state.js';
import { renderInk } from '../../../helpers/render-ink.js';
import { fixtureData, fixtureServices } from '../../fixtures.js';

const data = fixtureData();

describe('preview screen', () => {
  it('shows the values to be written with the decided lines marked', () => {
    const h = renderInk(<Preview state={{ ...initialPreviewState(), top: 10 }} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={{ replicas: 5 }} width={80} height={21} />);
    const frame = h.lastFrame();
    expect(frame).toMatch(/^values.yaml for web-frontend · lines \d+–\d+ of \d+ · 1 change\(s\) from decisions$/m);
    expect(frame).toContain('- replicaCount: 3\n+ replicaCount: 5');
    h.unmount();
  });

  it('warns when the workload is skipped', () => {
    const h = renderInk(<Preview state={initialPreviewState()} derive={createDerive(data, fixtureServices())} workloadId="web-frontend" decision={{ include: false }} width={80} height={21} />);
    expect(h.lastFrame()).toContain('This workload is skipped: export will not write these values');
    h.unmount();
  });
});
