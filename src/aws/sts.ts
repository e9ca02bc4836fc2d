/** The STS port: who the credentials belong to, and role assumption into target accounts. */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, instrument, type AwsTarget } from './clients.js';
import type { AwsCredentials, RoleAssumer } from './credentials.js';

export interface CallerIdentity {
  accountId: string;
  arn: string;
}

export interface StsPort extends RoleAssumer {
  getCallerIdentity(): Promise<CallerIdentity>;
}

export function stsPortOf(client: STSClient): StsPort {
  return {
    getCallerIdentity: async () => {
      const out = await client.send(new GetCallerIdentityCommand({}));
      return { accountId: out.Account ?? '', arn: out.Arn ?? '' };
    },
    assumeRole: async (roleArn, options) => {
      const out = await client.send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: options.sessionName, ...(options.externalId ? { ExternalId: options.externalId } : {}) }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error(`AssumeRole ${roleArn} returned no credentials`), { name: 'NoCredentials', $metadata: {} });
      const credentials: AwsCredentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey };
      if (c.SessionToken) credentials.sessionToken = c.SessionToken;
      if (c.Expiration) credentials.expiration = c.Expiration;
      return credentials;
    },
  };
}

export function createStsPort(target: AwsTarget): StsPort {
  return stsPortOf(instrument(new STSClient(clientConfig(target)), 'sts', target));
}
