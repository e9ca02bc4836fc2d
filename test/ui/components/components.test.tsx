import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../../src/ui/components/confirm-dialog.js';
import { Footer } from '../../../src/ui/components/footer.js';
import { Header } from '../../../src/ui/components/header.js';
import { HelpOverlay } from '../../../src/ui/components/help-overlay.js';
import { List } from '../../../src/ui/components/list.js';
import { TextInput } from '../../../src/ui/components/text-input.js';
import { textField } from '../../../src/ui/text-edit.js';
import { renderInk } from '../../helpers/render-ink.js';

describe('components', () => {
  it('footer shows the keys of its context within the width', () => {
    const h = renderInk(<Footer context="decisions" width={80} />);
    expect(h.lastFrame()).toBe('↑↓ move · enter change · r default · p preview · e export · esc back · ? help');
    h.unmount();
  });

  it('header shows where you are and whether decisions are unsaved', () => {
    const h = renderInk(<Header label="demo estate" trail={['Overview', 'Workloads']} decided={2} dirty width={80} />);
    const frame = h.lastFrame();
    expect(frame).toContain('kubelift plan · demo estate · Overview › Workloads');
    expect(frame).toContain('2 decided · unsaved');
    expect(frame.length).toBeLessThanOrEqual(80);
    h.unmount();
  });

  it('help overlay lists keys and says which part of the list is shown', () => {
    const h = renderInk(<HelpOverlay top={0} width={80} height={10} />);
    const frame = h.lastFrame();
    expect(frame).toMatch(/^Keys \(1–9 of \d+\)/);
    expect(frame).toContain('esc/backspace');
    expect(frame.split('\n')).toHaveLength(10);
    h.unmount();
  });

  it('text input shows the text, its cursor and a refusal', () => {
    const h = renderInk(<TextInput label="Replicas:" field={textField('0')} error="Replicas must be at least 1." width={40} />);
    expect(h.lastFrame()).toBe('Replicas: 0\n✗ Replicas must be at least 1.');
    h.unmount();
  });

  it('confirm dialog lists what it asks about, capped, and the answers', () => {
    const h = renderInk(<ConfirmDialog title="3 file(s) already exist" lines={['a', 'b', 'c']} choices={['y overwrite', 'n keep']} width={40} maxLines={2} />);
    const frame = h.lastFrame();
    expect(frame).toContain('3 file(s) already exist');
    expect(frame).toContain('… and 1 more');
    expect(frame).toContain('y overwrite   n keep');
    h.unmount();
  });

  it('list renders only the rows it is given and an empty message', () => {
    const h = renderInk(<List rows={[]} selected={-1} width={40} height={3} empty="No workload matches" />);
    expect(h.lastFrame()).toContain('No workload matches');
    h.unmount();
  });
});
