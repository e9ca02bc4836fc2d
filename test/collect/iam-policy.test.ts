import { describe, expect, it } from 'vitest';
import { COLLECTORS, iamPolicy, renderIamPolicy, scanPermissions } from '../../src/collect/registry.js';

describe('the IAM policy', () => {
  it('docs/iam-policy.json is generated from the collectors (run `npx vitest run test/collect/iam-policy.test.ts -u` after changing them)', async () => {
    await expect(renderIamPolicy()).toMatchFileSnapshot('../../docs/iam-policy.json');
  });

  it('allows read-only actions only', () => {
    const actions = iamPolicy().Statement.flatMap((s) => s.Action);
    expect(actions.length).toBeGreaterThan(20);
    for (const action of actions) expect(action).toMatch(/^(ec2|elasticloadbalancing|autoscaling|sts):(Describe|List|Get)[A-Za-z]+$/);
  });

  it('covers every collector and names each action once, sorted', () => {
    const all = scanPermissions();
    expect(all).toEqual([...new Set(all)].sort());
    for (const collector of COLLECTORS) for (const action of collector.permissions) expect(all).toContain(action);
  });
});
