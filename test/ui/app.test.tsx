import { afterEach, describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/plan/types.js';
import { Wizard, type ExitReason } from '../../src/ui/app.js';
import { InputError } from '../../src/errors.js';
import type { WizardIo } from '../../src/ui/data.js';
import { renderInk, type InkHarness } from '../helpers/render-ink.js';
import { fixtureData, fixtureServices, memoryIo } from './fixtures.js';

let harness: InkHarness | undefined;
afterEach(() => harness?.unmount());

function start(options: { io?: WizardIo; columns?: number; rows?: number; plan?: PlanFile } = {}) {
  const exits: ExitReason[] = [];
  const io = options.io ?? memoryIo();
  const data = fixtureData(options.plan ? { plan: options.plan } : {});
  harness = renderInk(<Wizard data={data} services={fixtureServices()} io={io} color={false} onExit={(reason) => exits.push(reason)} />, { columns: options.columns ?? 80, rows: options.rows ?? 24 });
  return { h: harness, exits, io };
}

describe('the wizard in a terminal', () => {
  it('fills the terminal less one line, with header, screen and footer, at 80×24', () => {
    const { h } = start();
    const lines = h.lastFrame().split('\n');
    expect(lines).toHaveLength(23);
    expect(lines[0]).toContain('kubelift plan · fixture estate · Overview');
    expect(lines[22]).toContain('? help');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('goes to the list with enter, moves with j/k and arrows, and opens a workload', async () => {
    const { h } = start();
    await h.press('return');
    expect(h.lastFrame()).toContain('›● HIGH     checkout-api');
    await h.press('j');
    expect(h.lastFrame()).toContain('›● MEDIUM   reports-worker');
    await h.press('down');
    await h.press('k');
    expect(h.lastFrame()).toContain('›● MEDIUM   reports-worker');
    await h.press('return');
    expect(h.lastFrame()).toContain('reports-worker (reports) · standalone instance');
    await h.press('escape');
    expect(h.lastFrame()).toContain('Workloads 3 of 3');
  });

  it('filters with /, shows matches as you type, and clears with esc', async () => {
    const { h } = start();
    await h.press('return');
    await h.press('/');
    expect(h.lastFrame()).toContain('Filter /');
    await h.type('front');
    const frame = h.lastFrame();
    expect(frame).toContain('web-frontend');
    expect(frame).not.toContain('checkout-api');
    expect(frame.split('\n').at(-1)).toBe('enter keep filter · esc clear filter · ctrl-u clear');
    await h.press('escape');
    expect(h.lastFrame()).toContain('checkout-api');
  });

  it('decides replicas, refusing an invalid value in place', async () => {
    const { h } = start();
    await h.press('return');
    await h.press('d');
    await h.press('G');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('k');
    await h.press('return');
    await h.press('ctrl+u');
    await h.type('x');
    await h.press('return');
    expect(h.lastFrame()).toContain('Replicas: x\n✗ Replicas must be a whole number from 1 to 1000.');
    await h.press('backspace');
    await h.type('3');
    await h.press('return');
    expect(h.lastFrame()).toMatch(/› ✎ Replicas +3 +2/);
    expect(h.lastFrame().split('\n')[0]).toContain('1 decided · unsaved');
    await h.press('p');
    expect(h.lastFrame()).toContain('1 change(s) from decisions');
    await h.press('n');
    expect(h.lastFrame()).toContain('- replicaCount: 2\n+ replicaCount: 3');
  });

  it('asks before quitting with unsaved decisions and quits on y', async () => {
    const { h, exits } = start();
    await h.press('return');
    await h.press('d');
    await h.press('return');
    await h.press('q');
    expect(h.lastFrame()).toContain('You have unsaved decisions for 1 workload(s).');
    expect(h.lastFrame()).toContain('y quit without saving   n stay   e export first');
    await h.press('n');
    expect(h.lastFrame()).toContain('Decisions for checkout-api');
    expect(exits).toEqual([]);
    await h.press('q');
    await h.press('y', { timeoutMs: 200 });
    expect(exits).toEqual(['quit']);
  });

  it('quits at once when nothing is unsaved, and stops on ctrl-c', async () => {
    const quit = start();
    await quit.h.press('q', { timeoutMs: 200 });
    expect(quit.exits).toEqual(['quit']);
    quit.h.unmount();
    const stop = start();
    await stop.h.press('return');
    await stop.h.press('/');
    await stop.h.press('ctrl+c', { timeoutMs: 200 });
    expect(stop.exits).toEqual(['interrupt']);
  });

  it('shows every key in the help overlay', async () => {
    const { h } = start({ rows: 60 });
    await h.press('?');
    const frame = h.lastFrame();
    for (const text of ['esc/backspace', 'ctrl-c', '↑/k', 'PgDn/ctrl-f', '/ ', 'tab', 'r ', 'ctrl-u', 'y ']) expect(frame).toContain(text);
    await h.press('?');
    expect(h.lastFrame()).toContain('Estate');
  });

  it('exports through the io callbacks, asking before overwriting, and says what was written', async () => {
    const io = memoryIo(['kubelift-out/plan.yaml']);
    const { h } = start({ io, columns: 100 });
    await h.press('return');
    await h.press('d');
    await h.press('return');
    await h.press('e');
    expect(h.lastFrame()).toContain('Folder: kubelift-out');
    await h.press('return');
    await h.waitFor((f) => f.includes('would be replaced'));
    expect(io.writes).toEqual([]);
    await h.press('y');
    const done = await h.waitFor((f) => f.includes('✓ Wrote'));
    expect(done).toContain('kubelift-out/checkout-api/values.yaml');
    expect(done.split('\n')[0]).toContain('1 decided · saved');
    expect(io.writes).toEqual([{ dir: 'kubelift-out', force: true, plan: expect.objectContaining({ workloads: { 'checkout-api': { include: false } } }) }]);
  });

  it('says what went wrong when writing fails, and writes nothing', async () => {
    const io: WizardIo = {
      existing: async () => [],
      write: async () => {
        throw new InputError('kubelift-out: permission denied');
      },
    };
    const { h } = start({ io });
    await h.press('e');
    await h.press('return');
    const frame = await h.waitFor((f) => f.includes('✗ Nothing was written'));
    expect(frame).toContain('kubelift-out: permission denied');
  });

  it('follows a resize and lays out again', async () => {
    const { h } = start();
    await h.press('return');
    await h.resize(120, 40);
    const lines = h.lastFrame().split('\n');
    expect(lines).toHaveLength(39);
    expect(lines[2]).toContain('APP');
    await h.resize(50, 12);
    expect(h.lastFrame().replace(/\s+/g, ' ')).toContain('needs a terminal of at least 60×16; this one is 50×12');
    await h.resize(80, 24);
    expect(h.lastFrame()).toContain('Workloads 3 of 3');
  });

  it('resumes decisions from plan.yaml without calling them unsaved', async () => {
    const { h, exits } = start({ plan: { version: 1, workloads: { 'web-frontend': { replicas: 6 } } } });
    expect(h.lastFrame().split('\n')[0]).toContain('1 decided · saved');
    await h.press('q', { timeoutMs: 200 });
    expect(exits).toEqual(['quit']);
  });
});
