/**
 * Several wizards one after another in one process each get their keys, and
 * leave no timer behind. (Clearing a background-planning timeout with
 * clearImmediate once corrupted Node's count of pending immediates: the next
 * session got no input, and the process spun instead of exiting.)
 */
import { expect, it } from 'vitest';
import { Wizard } from '../../../src/ui/app.js';
import { renderInk } from '../../helpers/render-ink.js';
import { fixtureData, fixtureServices, memoryIo } from '../fixtures.js';

for (const n of [1, 2, 3]) {
  it(`session ${n} receives keys`, async () => {
    const h = renderInk(<Wizard data={fixtureData()} services={fixtureServices()} io={memoryIo()} color={false} />);
    // Keys in quick succession: background planning waits behind them on a timeout.
    await h.press('return');
    await h.press('j');
    expect(h.lastFrame()).toContain('›● MEDIUM   reports-worker');
    await h.press('return');
    expect(h.lastFrame()).toContain('reports-worker (reports)');
    h.unmount();
  });
}

it('leaves the event loop idle after the last session', async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const used = process.cpuUsage(before);
  expect((used.user + used.system) / 1000).toBeLessThan(250);
});
