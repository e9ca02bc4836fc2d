import { describe, expect, it } from 'vitest';
import { ExportView } from '../../../../src/ui/screens/export/export.js';
import { initialExportState } from '../../../../src/ui/screens/export/state.js';
import { failureText } from '../../../../src/ui/screens/export/use-export.js';
import { InputError } from '../../../../src/errors.js';
import { renderInk } from '../../../helpers/render-ink.js';

describe('export screen', () => {
  it('asks for the folder and says what will be written', () => {
    const h = renderInk(<ExportView state={initialExportState('kubelift-out')} included={2} skipped={1} decided={2} width={80} height={21} />);
    expect(h.lastFrame()).toContain('Export 2 workload(s) (1 skipped) with 2 decision(s)\nFolder: kubelift-out');
    expect(h.lastFrame()).toContain('only replaced after you confirm');
    h.unmount();
  });

  it('lists the files it would overwrite and the answers', () => {
    const state = { ...initialExportState('out'), phase: 'confirm' as const, existing: ['out/plan.yaml', 'out/web/values.yaml'] };
    const h = renderInk(<ExportView state={state} included={3} skipped={0} decided={1} width={80} height={21} />);
    expect(h.lastFrame()).toContain('2 file(s) already exist and would be replaced:');
    expect(h.lastFrame()).toContain('out/web/values.yaml');
    expect(h.lastFrame()).toContain('y overwrite them');
    h.unmount();
  });

  it('says what was written and how to resume', () => {
    const state = { ...initialExportState('out'), phase: 'done' as const, written: ['out/checkout-api/values.yaml', 'out/plan.yaml', 'out/report.json'] };
    const h = renderInk(<ExportView state={state} included={3} skipped={0} decided={1} width={100} height={21} />);
    expect(h.lastFrame()).toContain('✓ Wrote 3 file(s); to resume, run plan with --plan out/plan.yaml');
    expect(h.lastFrame()).toContain('  out/checkout-api/values.yaml');
    h.unmount();
  });

  it('says nothing was written when writing failed, with the hint', () => {
    const message = failureText(new InputError('out/plan.yaml already exists', { hint: 'Pass --force to overwrite it.' }));
    const state = { ...initialExportState('out'), phase: 'failed' as const, error: message };
    const h = renderInk(<ExportView state={state} included={3} skipped={0} decided={1} width={100} height={21} />);
    expect(h.lastFrame()).toContain('✗ Nothing was written: out/plan.yaml already exists (Pass --force to overwrite it.)');
    h.unmount();
  });
});
