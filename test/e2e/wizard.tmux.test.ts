/**
 * The wizard in a real terminal: tmux runs the built binary at 100×30,
 * the test goes to a SPOF workload, changes its replicas, previews the
 * values and exports them to a temporary folder, then checks the files and
 * what the screen showed. Keys are sent with `tmux send-keys`; the screen is
 * read with `capture-pane`, polled until what is expected appears.
 */
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const execFile = promisify(execFileCb);
const REPO = resolve(import.meta.dirname, '..', '..');
const BINARY = join(REPO, 'dist', 'main.js');

function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const tmuxPresent = hasTmux();
const socket = `kubelift-e2e-${process.pid}`;
const session = 'wizard';

async function tmux(...args: string[]): Promise<string> {
  const { stdout } = await execFile('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  return stdout;
}

/** The screen as text, one line per terminal row. */
async function screen(): Promise<string> {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Polls the screen until the predicate holds; fails with the last screen after the timeout. */
async function waitFor(what: string | RegExp | ((text: string) => boolean), timeoutMs = 30_000): Promise<string> {
  const test = typeof what === 'function' ? what : (text: string) => (typeof what === 'string' ? text.includes(what) : what.test(text));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await screen();
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}; the screen was:\n${last}`);
}

/** Sends one key (tmux names: Enter, Escape, C-u) and waits until the screen changes. */
async function press(key: string, timeoutMs = 30_000): Promise<string> {
  const before = await screen();
  await tmux('send-keys', '-t', session, key);
  return waitFor((text) => text !== before, timeoutMs);
}

async function typeText(text: string): Promise<void> {
  await tmux('send-keys', '-t', session, '-l', text);
}

const selectedLine = (text: string): string => text.split('\n').find((line) => line.startsWith('›')) ?? '';

describe.skipIf(!tmuxPresent)(`kubelift plan in tmux${tmuxPresent ? '' : ' (skipped: tmux is not installed; .ci/run installs it)'}`, () => {
  let work: string;

  beforeAll(async () => {
    if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run \`npm run build\` first (\`npm test\` does)`);
    work = await mkdtemp(join(tmpdir(), 'kubelift-wizard-'));
    // CI must be unset inside the pane: the wizard (like Ink) treats CI as "no terminal".
    const command = `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color node ${JSON.stringify(BINARY)} plan --demo; echo "kubelift exited $?"; sleep 600`;
    await execFile('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', work, command]);
  });

  afterAll(async () => {
    await execFile('tmux', ['-L', socket, 'kill-server']).catch(() => undefined);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('goes to a SPOF workload, changes its replicas, previews and exports the values', async () => {
    const overview = await waitFor((text) => text.includes('Readiness') && !text.includes('scoring'), 120_000);
    expect(overview).toContain('kubelift plan · demo estate · Overview');
    expect(overview).toMatch(/SPOFs\s+\d+ workload\(s\) have a single point of failure/);
    expect(overview.split('\n')[28]).toContain('? help');

    // n: the workload list, on the first single point of failure.
    const list = await press('n');
    const row = selectedLine(list);
    expect(row).toMatch(/^›●/);
    const id = /^›●\s+\S+\s+(\S+)/.exec(row)?.[1] as string;
    expect(id).toBeTruthy();

    const detail = await press('Enter');
    expect(detail).toContain(`${id} · `);
    expect(detail).toContain('● SPOF');
    expect(detail).toContain('AWS today');
    expect(detail).toMatch(/Findings \(\d+\)/);

    let decisions = await press('d');
    expect(decisions).toContain(`Decisions for ${id}`);
    for (let i = 0; i < 12 && !selectedLine(decisions).includes('Replicas'); i++) decisions = await press('j');
    const before = /Replicas\s+(\d+)/.exec(selectedLine(decisions))?.[1];
    const wanted = String(Number(before) + 1);
    await press('Enter');
    await tmux('send-keys', '-t', session, 'C-u');
    await typeText('0');
    await tmux('send-keys', '-t', session, 'Enter');
    expect(await waitFor('✗ Replicas must be at least 1')).toContain('Replicas: 0');
    await tmux('send-keys', '-t', session, 'C-u');
    await typeText(wanted);
    await tmux('send-keys', '-t', session, 'Enter');
    const decided = await waitFor(new RegExp(`› ✎ Replicas\\s+${wanted}\\s+${before}`));
    expect(decided.split('\n')[0]).toContain('1 decided · unsaved');

    let preview = await press('p');
    expect(preview).toContain(`values.yaml for ${id}`);
    for (let i = 0; i < 8 && !preview.includes(`+ replicaCount: ${wanted}`); i++) preview = await press('n');
    expect(preview).toContain(`- replicaCount: ${before}`);
    expect(preview).toContain(`+ replicaCount: ${wanted}`);

    const out = join(work, 'exported');
    const exporting = await press('e');
    expect(exporting).toContain('Folder: kubelift-out');
    await tmux('send-keys', '-t', session, 'C-u');
    await typeText(out);
    await tmux('send-keys', '-t', session, 'Enter');
    const done = await waitFor('✓ Wrote', 60_000);
    expect(done).toContain(join(out, id, 'values.yaml'));
    expect(done).toContain(join(out, 'plan.yaml'));
    expect(done.split('\n')[0]).toContain('1 decided · saved');

    await tmux('send-keys', '-t', session, 'q');
    await waitFor('kubelift exited 0');

    const values = await readFile(join(out, id, 'values.yaml'), 'utf8');
    expect(values).toMatch(new RegExp(`^replicaCount: ${wanted}$`, 'm'));
    const plan = parse(await readFile(join(out, 'plan.yaml'), 'utf8')) as { version: number; workloads: Record<string, { replicas?: number }> };
    expect(plan.version).toBe(1);
    expect(plan.workloads).toEqual({ [id]: { replicas: Number(wanted) } });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { schemaVersion: number; workloads: { id: string; kubernetes?: { replicas?: number } }[] };
    expect(report.workloads.find((w) => w.id === id)?.kubernetes?.replicas).toBe(Number(wanted));

    // The decisions file reproduces the same values without the wizard.
    const again = join(work, 'again');
    await execFile(process.execPath, [BINARY, 'export', '--demo', '--plan', join(out, 'plan.yaml'), '--out-dir', again], { env: { ...process.env, CI: '1' } });
    expect(await readFile(join(again, id, 'values.yaml'), 'utf8')).toBe(values);
  });
});
