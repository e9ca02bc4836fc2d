import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountOfRoleArn, assumedRoleCredentials, defaultCredentials, type AwsCredentials, type RoleAssumer } from '../../src/aws/credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-credentials-'));
const credentialsFile = join(dir, 'credentials');
const configFile = join(dir, 'config');
writeFileSync(credentialsFile, '[audit]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile-secret\n');
writeFileSync(configFile, '[profile audit]\nregion = eu-west-1\n');

describe('defaultCredentials', () => {
  it('takes static keys from the given environment', async () => {
    const provider = defaultCredentials({ env: { AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000001', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' } });
    expect(await provider()).toEqual({ accessKeyId: 'AKIAENVKEY0000000001', secretAccessKey: 's', sessionToken: 't' });
  });

  it('uses the named profile from the shared files, ahead of keys in the environment', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000001', AWS_SECRET_ACCESS_KEY: 's', AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };
    expect(await defaultCredentials({ profile: 'audit', env })()).toMatchObject({ accessKeyId: 'AKIAPROFILEKEY000001', secretAccessKey: 'profile-secret' });
    expect(await defaultCredentials({ env: { ...env, AWS_PROFILE: 'audit' } })()).toMatchObject({ accessKeyId: 'AKIAPROFILEKEY000001' });
  });

  it('fails for a profile that does not exist', async () => {
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    await expect(defaultCredentials({ profile: 'nope', env: { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile } })()).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
  });
});

describe('assumedRoleCredentials', () => {
  const fake = (lifetimeMs: number, now: () => number) => {
    const calls: { roleArn: string; sessionName: string; externalId?: string }[] = [];
    const sts: RoleAssumer = {
      async assumeRole(roleArn, options) {
        calls.push({ roleArn, ...options });
        const credentials: AwsCredentials = { accessKeyId: `ASIA${calls.length}`, secretAccessKey: 'x', sessionToken: 't', expiration: new Date(now() + lifetimeMs) };
        return credentials;
      },
    };
    return { sts, calls };
  };

  it('assumes the role once for concurrent callers, with session name kubelift and the external id', async () => {
    let clock = 0;
    const { sts, calls } = fake(3600_000, () => clock);
    const provider = assumedRoleCredentials(sts, 'arn:aws:iam::111111111111:role/scan', 'ext-1', () => clock);
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a.accessKeyId).toBe('ASIA1');
    expect(b.accessKeyId).toBe('ASIA1');
    expect(await provider()).toBe(a);
    expect(calls).toEqual([{ roleArn: 'arn:aws:iam::111111111111:role/scan', sessionName: 'kubelift', externalId: 'ext-1' }]);
    clock += 3600_000 - 60_000;
    expect((await provider()).accessKeyId).toBe('ASIA2');
  });

  it('tries again after a failed assumption', async () => {
    let fail = true;
    const sts: RoleAssumer = {
      async assumeRole() {
        if (fail) throw new Error('denied');
        return { accessKeyId: 'ASIAOK', secretAccessKey: 'x' };
      },
    };
    const provider = assumedRoleCredentials(sts, 'arn:aws:iam::111111111111:role/scan');
    await expect(provider()).rejects.toThrow('denied');
    fail = false;
    expect((await provider()).accessKeyId).toBe('ASIAOK');
  });

  it('reads the account of a role ARN', () => {
    expect(accountOfRoleArn('arn:aws:iam::123456789012:role/path/scan')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws-cn:iam::123456789012:role/scan')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws:iam::123456789012:user/scan')).toBeUndefined();
  });
});
