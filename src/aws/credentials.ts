/**
 * Where credentials come from: the SDK's default chain (environment, shared
 * config and credentials files with a profile, SSO, credential_process, web
 * identity, container and instance metadata), or a role assumed per account.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

/** Credentials as every client takes them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Resolves credentials when a client needs them (and again when they expire). */
export type CredentialProvider = () => Promise<AwsCredentials>;

export interface DefaultCredentialOptions {
  /** `--profile`; falls back to AWS_PROFILE. */
  profile?: string;
  env: NodeJS.ProcessEnv;
  /** `--endpoint-url`, so that a profile's own role assumption goes to the same endpoint. */
  endpoint?: string;
  region?: string;
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value : undefined);

/**
 * The default chain, reading the environment kubelift was given. Static keys
 * in the environment win unless a profile is named, as in the SDK itself.
 */
export function defaultCredentials(options: DefaultCredentialOptions): CredentialProvider {
  const { env } = options;
  const profile = nonEmpty(options.profile) ?? nonEmpty(env.AWS_PROFILE);
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (!profile && accessKeyId && secretAccessKey) {
    const credentials: AwsCredentials = { accessKeyId, secretAccessKey };
    const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
    if (sessionToken) credentials.sessionToken = sessionToken;
    return async () => credentials;
  }
  const clientConfig: Record<string, unknown> = {};
  if (options.endpoint) clientConfig.endpoint = options.endpoint;
  if (options.region) clientConfig.region = options.region;
  const chain = fromNodeProviderChain({
    profile,
    filepath: nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE),
    configFilepath: nonEmpty(env.AWS_CONFIG_FILE),
    clientConfig,
  });
  return async () => {
    const c = await chain();
    const credentials: AwsCredentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
    if (c.sessionToken) credentials.sessionToken = c.sessionToken;
    if (c.expiration) credentials.expiration = c.expiration;
    return credentials;
  };
}

/** Something that can assume a role (the STS port). */
export interface RoleAssumer {
  assumeRole(roleArn: string, options: { sessionName: string; externalId?: string }): Promise<AwsCredentials>;
}

/** Session name on every assumed role, so the account's CloudTrail shows who scanned. */
export const ROLE_SESSION_NAME = 'kubelift';

/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Credentials of a role in a target account. The role is assumed on first
 * use, shared by concurrent callers, and assumed again shortly before the
 * session expires, so scans longer than the session still complete.
 */
export function assumedRoleCredentials(sts: RoleAssumer, roleArn: string, externalId?: string, clock: () => number = Date.now): CredentialProvider {
  let current: Promise<AwsCredentials> | undefined;
  return async () => {
    if (current) {
      const credentials = await current.catch(() => undefined);
      const expires = credentials?.expiration?.getTime();
      if (credentials && (expires === undefined || expires - clock() > REFRESH_MARGIN_MS)) return credentials;
    }
    const attempt = sts.assumeRole(roleArn, { sessionName: ROLE_SESSION_NAME, ...(externalId ? { externalId } : {}) });
    current = attempt;
    return attempt;
  };
}

/** The account id in a role ARN (`arn:aws:iam::123456789012:role/x`). */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
}
