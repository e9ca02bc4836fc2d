/**
 * A canary secret planted in user data (an instance, a launch template, a
 * launch configuration) never reaches the snapshot without
 * --include-user-data, and is redacted with it.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { serializeSnapshot } from '../../src/snapshot/read-write.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { seedClients, seedSmallEstate } from '../../test-support/seed/index.js';
import { scanAccounts } from './helpers.js';

const endpoint = inject('motoEndpoint');
const accountId = uniqueAccountId();

const CANARIES = {
  accessKey: 'AKIACANARY0000000001',
  secretKey: 'Kub3l1ftCanary/SecretKey+0123456789abcde',
  password: 'canary-hunter2-51f0',
  token: 'canary-token-8c2e77',
  privateKey: 'CANARYPRIVATEKEYBODYb64c',
};
const USER_DATA = [
  '#!/bin/bash',
  `export AWS_ACCESS_KEY_ID=${CANARIES.accessKey}`,
  `aws configure set aws_secret_access_key ${CANARIES.secretKey}`,
  `DB_PASSWORD='${CANARIES.password}'`,
  "cat > /etc/app.json <<'EOF'",
  `{"apiToken": "${CANARIES.token}", "port": 8080}`,
  'EOF',
  "cat > /root/.ssh/id_rsa <<'EOF'",
  '-----BEGIN RSA PRIVATE KEY-----',
  CANARIES.privateKey,
  '-----END RSA PRIVATE KEY-----',
  'EOF',
  'systemctl start app',
  '',
].join('\n');

beforeAll(async () => {
  await seedSmallEstate(seedClients({ endpoint, accountId }), { userData: USER_DATA });
}, 120_000);

const leaks = (text: string) => Object.values(CANARIES).filter((canary) => text.includes(canary));

describe('user data', () => {
  it('is not collected, nor stored anywhere, without --include-user-data', async () => {
    const { snapshot, calls } = await scanAccounts(endpoint, [accountId]);
    const text = serializeSnapshot(snapshot);
    expect(leaks(text)).toEqual([]);
    expect(text).not.toContain('"UserData"');
    expect(text).not.toContain(Buffer.from(USER_DATA).toString('base64').slice(0, 40));
    expect(snapshot.source.includesUserData).toBe(false);
    expect(calls['ec2:DescribeInstanceAttribute']).toBeUndefined();
  });

  it('is decoded and redacted with --include-user-data: keys stay, secret values go', async () => {
    const { snapshot, calls } = await scanAccounts(endpoint, [accountId], { includeUserData: true });
    const text = serializeSnapshot(snapshot);
    expect(leaks(text)).toEqual([]);
    expect(snapshot.source.includesUserData).toBe(true);
    const app = snapshot.resources['AWS::EC2::Instance']!.find((i) => (i.Tags as { Key: string; Value: string }[]).some((t) => t.Value === 'redash'))!;
    const userData = String(app.UserData);
    expect(userData).toContain('export AWS_ACCESS_KEY_ID=[REDACTED]');
    expect(userData).toContain("DB_PASSWORD='[REDACTED]'");
    expect(userData).toContain('"apiToken": "[REDACTED]", "port": 8080');
    expect(userData).toContain('-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----');
    expect(userData).toContain('systemctl start app');
    const lc = snapshot.resources['AWS::AutoScaling::LaunchConfiguration']![0]!;
    expect(lc.UserData).toBe(userData);
    const versions = snapshot.resources['AWS::EC2::LaunchTemplate']![0]!.Versions as { LaunchTemplateData: { UserData?: string } }[];
    expect(versions.some((v) => v.LaunchTemplateData.UserData === userData)).toBe(true);
    // One call per instance that is not terminated: 2 web, 1 legacy, the database, the app.
    expect(calls['ec2:DescribeInstanceAttribute']).toBe(5);
  });
});
