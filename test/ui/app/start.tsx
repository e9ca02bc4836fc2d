/**
 * Starts the wizard in a fake terminal for one test. Each behaviour lives in its
 * own file: Ink instances rendered one after another in the same module stop
 * receiving input (the real-terminal test in test/e2e covers a whole session).
 */
import { afterEach } from 'vitest';
import type { PlanFile } from '../../../src/plan/types.js';
import { Wizard, type ExitReason } from '../../../src/ui/app.js';
import type { WizardIo } from '../../../src/ui/data.js';
import { renderInk, type InkHarness } from '../../helpers/render-ink.js';
import { fixtureData, fixtureServices, memoryIo } from '../fixtures.js';

let harness: InkHarness | undefined;
afterEach(() => harness?.unmount());

export function start(options: { io?: WizardIo; columns?: number; rows?: number; plan?: PlanFile } = {}) {
  const exits: ExitReason[] = [];
  const io = options.io ?? memoryIo();
  const data = fixtureData(options.plan ? { plan: options.plan } : {});
  harness = renderInk(<Wizard data={data} services={fixtureServices()} io={io} color={false} onExit={(reason) => exits.push(reason)} />, { columns: options.columns ?? 80, rows: options.rows ?? 24 });
  return { h: harness, exits, io };
}

