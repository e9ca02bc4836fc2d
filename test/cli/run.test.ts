import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('kubelift CLI', () => {
  it('prints help listing every command of the contract', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['scan', 'import', 'assess', 'plan', 'export', 'rules', 'diff']) expect(result.stdout).toContain(command);
  });

  it('prints the version from package.json', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with one line and a hint on an unknown command, without a stack trace', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('hint:');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
