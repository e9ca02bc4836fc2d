/**
 * The AMI behind each instance: the EC2 port's DescribeImages by id (AWS
 * fails a whole call on one unknown id, which moto does not do, so that part
 * runs over a stubbed client), the collector's `Image` on instances, and a
 * scan against moto over HTTP: an instance launched from a registered AMI
 * gets its name and description, one whose AMI does not exist gets none, and
 * a denied DescribeImages is a gap that leaves no resource type incomplete.
 */
import { EC2Client, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { assumedRoleCredentials, CallCounter, createEc2Port, createLimiter, createStsPort, EC2_PAGE_SIZE, type AwsTarget, type Ec2Port } from '../../src/aws/index.js';
import { ec2PortOf } from '../../src/aws/ec2.js';
import { createServiceContext } from '../../src/collect/context.js';
import { collectEc2, ec2Collector } from '../../src/collect/ec2.js';
import { IMAGE_FIELDS } from '../../src/snapshot/enrich.js';
import { lowerBoundCalls } from '../../src/collect/lower-bound.js';
import { memorySink } from '../../src/events/index.js';
import type { AwsResource } from '../../src/snapshot/types.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { roleArnFor, seedClients, seedInstances, seedVpc, TEST_CREDENTIALS } from '../../test-support/seed/index.js';
import { stubSend } from '../aws/stub-client.js';
import { byField, scanAccounts } from './helpers.js';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const config = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
const amiId = (n: number) => `ami-${n.toString(16).padStart(17, '0')}`;

/** A client that answers DescribeImages as AWS does: the whole call fails when one id is unknown. */
function awsLikeImages(known: ReadonlySet<string>, message: (unknown: string[]) => string) {
  return stubSend(new EC2Client(config), (name, input) => {
    if (name !== 'DescribeImages') throw new Error(`unexpected ${name}`);
    const ids = input.ImageIds as string[];
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) return awsError('InvalidAMIID.NotFound', message(unknown));
    return { Images: ids.map((ImageId) => ({ ImageId, Name: `name-${ImageId}` })) };
  });
}

describe('the EC2 port: DescribeImages by id', () => {
  it('asks at most 100 sorted, distinct ids a call, without MaxResults', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => amiId(i));
    const { client, sent } = awsLikeImages(new Set(ids), () => 'unused');
    const images = await ec2PortOf(client).describeImages([...ids].reverse().concat(ids[0]!));
    expect(images.map((i) => i.ImageId).sort()).toEqual([...ids].sort());
    expect(sent.map((s) => (s.input.ImageIds as string[]).length)).toEqual([100, 50]);
    expect(sent[0]!.input.ImageIds).toEqual([...ids].sort().slice(0, 100));
    for (const s of sent) expect(s.input.MaxResults).toBeUndefined();
  });

  it('leaves out the ids AWS names as unknown and asks again for the rest of their batch', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => amiId(i));
    const gone = new Set([ids[3]!, ids[70]!, ids[120]!]);
    const { client, sent } = awsLikeImages(new Set(ids.filter((id) => !gone.has(id))), (unknown) => `The image ids '[${unknown.join(', ')}]' do not exist`);
    const images = await ec2PortOf(client).describeImages(ids);
    expect(images.map((i) => i.ImageId).sort()).toEqual(ids.filter((id) => !gone.has(id)).sort());
    // One failed and one repeated call per batch that held an unknown id.
    expect(sent.map((s) => (s.input.ImageIds as string[]).length)).toEqual([100, 98, 50, 49]);
  });

  it('finds the unknown ids by halving the batch when the message does not name them', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => amiId(i));
    const gone = new Set([ids[5]!, ids[33]!]);
    const { client, sent } = awsLikeImages(new Set(ids.filter((id) => !gone.has(id))), () => 'One or more image ids do not exist');
    const images = await ec2PortOf(client).describeImages(ids);
    expect(images.map((i) => i.ImageId).sort()).toEqual(ids.filter((id) => !gone.has(id)).sort());
    const alone = sent.filter((s) => (s.input.ImageIds as string[]).length === 1).map((s) => (s.input.ImageIds as string[])[0]);
    expect(alone.filter((id) => gone.has(id!)).sort()).toEqual([...gone].sort());
    expect(sent.length).toBeLessThan(2 * gone.size * Math.ceil(Math.log2(ids.length)) + 2);
  });

  it('skips malformed ids, which AWS names one at a time, and every id of a batch AWS knows none of', async () => {
    const bad = ['ami-', 'image-1'];
    const { client } = stubSend(new EC2Client(config), (_name, input) => {
      const ids = input.ImageIds as string[];
      const first = ids.find((id) => bad.includes(id) || id.endsWith('dead'));
      if (first && bad.includes(first)) return awsError('InvalidAMIID.Malformed', `Invalid id: "${first}" (expecting "ami-...")`);
      if (first) return awsError('InvalidAMIID.NotFound', `The image id '[${ids.filter((id) => id.endsWith('dead')).join(', ')}]' does not exist`);
      return { Images: ids.map((ImageId) => ({ ImageId })) };
    });
    const port = ec2PortOf(client);
    expect((await port.describeImages(['ami-0a', ...bad])).map((i) => i.ImageId)).toEqual(['ami-0a']);
    expect(await port.describeImages(['ami-1dead', 'ami-2dead'])).toEqual([]);
  });

  it('throws what is not an unknown id: the collector records it', async () => {
    const { client } = stubSend(new EC2Client(config), () => awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    await expect(ec2PortOf(client).describeImages(['ami-1'])).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });
});

function fakeEc2(images: Ec2Port['describeImages']): Ec2Port {
  const none = async () => [];
  return {
    describeInstances: async () => [
      {
        ReservationId: 'r-1',
        OwnerId: '111111111111',
        Instances: [
          { InstanceId: 'i-1', ImageId: 'ami-redash' },
          { InstanceId: 'i-2', ImageId: 'ami-gone' },
          { InstanceId: 'i-3', ImageId: 'ami-redash', State: { Name: 'terminated' } },
          { InstanceId: 'i-4' },
        ],
      },
    ],
    describeVolumes: none,
    describeSubnets: none,
    describeVpcs: none,
    describeSecurityGroups: none,
    describeAddresses: none,
    describeLaunchTemplates: none,
    describeLaunchTemplateVersions: none,
    describeInstanceTypes: none,
    describeImages: images,
    describeAvailabilityZones: none,
    describeRegions: none,
    describeInstanceUserData: async () => undefined,
  };
}

describe('the EC2 collector: Image on instances', () => {
  const context = () => createServiceContext({ accountId: '111111111111', region: 'eu-west-1', service: 'ec2', includeUserData: false, reporter: memorySink() });

  it('asks once for the distinct AMIs and keeps only the fields that say what the AMI is', async () => {
    const asked: string[][] = [];
    const ctx = context();
    const out = await collectEc2(
      fakeEc2(async (ids) => {
        asked.push([...ids]);
        return [
          {
            ImageId: 'ami-redash',
            Name: 'redash-10.1.0',
            Description: 'Redash all-in-one',
            OwnerId: '222222222222',
            ImageOwnerAlias: 'aws-marketplace',
            PlatformDetails: 'Linux/UNIX',
            CreationDate: '2024-01-15T00:00:00.000Z',
            BlockDeviceMappings: [{ DeviceName: '/dev/sda1' }],
            State: 'available',
          },
        ];
      }),
      ctx,
    );
    expect(asked).toEqual([['ami-gone', 'ami-redash']]);
    const [i1, i2, i3, i4] = out.resources['AWS::EC2::Instance']!;
    expect(i1!.Image).toEqual({
      ImageId: 'ami-redash',
      Name: 'redash-10.1.0',
      Description: 'Redash all-in-one',
      OwnerId: '222222222222',
      ImageOwnerAlias: 'aws-marketplace',
      PlatformDetails: 'Linux/UNIX',
      CreationDate: '2024-01-15T00:00:00.000Z',
    });
    expect(Object.keys(i1!.Image as object).sort()).toEqual([...IMAGE_FIELDS].sort());
    expect(i3!.Image).toEqual(i1!.Image);
    expect(i3!.Image).not.toBe(i1!.Image);
    expect(i2).not.toHaveProperty('Image');
    expect(i4).not.toHaveProperty('Image');
    expect(ctx.coverage(ec2Collector.resourceTypes).status).toBe('ok');
  });

  it('keeps only the fields AWS returned', async () => {
    const out = await collectEc2(fakeEc2(async () => [{ ImageId: 'ami-redash', Name: 'bare' }]), context());
    expect(out.resources['AWS::EC2::Instance']![0]!.Image).toEqual({ ImageId: 'ami-redash', Name: 'bare' });
  });

  it('records a denied DescribeImages as a gap that leaves no resource type missing, and keeps the instances', async () => {
    const ctx = context();
    const out = await collectEc2(fakeEc2(async () => Promise.reject(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'))), ctx);
    expect(out.resources['AWS::EC2::Instance']).toHaveLength(4);
    for (const instance of out.resources['AWS::EC2::Instance']!) expect(instance).not.toHaveProperty('Image');
    expect(ctx.coverage(ec2Collector.resourceTypes)).toMatchObject({
      status: 'error',
      errorCode: 'UnauthorizedOperation',
      error: 'ec2:DescribeImages: UnauthorizedOperation: You are not authorized to perform this operation.',
      missing: [],
    });
  });

  it('makes no call when no instance names an AMI', async () => {
    let called = false;
    const port = fakeEc2(async () => {
      called = true;
      return [];
    });
    await collectEc2({ ...port, describeInstances: async () => [{ Instances: [{ InstanceId: 'i-1' }] }] }, context());
    expect(called).toBe(false);
  });
});

describe('Image on instances, against moto', () => {
  const endpoint = inject('motoEndpoint');
  const accountId = uniqueAccountId();
  // An AMI id that was never registered: as an AMI deregistered long ago, or no longer shared with the account.
  const MISSING_AMI = 'ami-0f00dfeed0000dead';
  let registered: string;
  let fromRegistered: string;
  let fromMissing: string;
  let proxy: FaultProxy;

  beforeAll(async () => {
    const c = seedClients({ endpoint, accountId });
    const vpc = await seedVpc(c, { zones: ['a'] });
    const image = await c.ec2.send(
      new RegisterImageCommand({
        Name: 'redash-10.1.0-ubuntu-22.04-20240115',
        Description: 'Redash 10.1.0 all-in-one: web server, workers, PostgreSQL and Redis',
        Architecture: 'x86_64',
        RootDeviceName: '/dev/sda1',
        VirtualizationType: 'hvm',
      }),
    );
    registered = image.ImageId!;
    fromRegistered = (await seedInstances(c, { subnetId: vpc.subnets[0]!.subnetId, imageId: registered }))[0]!;
    fromMissing = (await seedInstances(c, { subnetId: vpc.subnets[0]!.subnetId, imageId: MISSING_AMI }))[0]!;
    proxy = await startFaultProxy(endpoint);
  }, 120_000);
  afterEach(() => proxy.setFaults([]));
  afterAll(() => proxy?.close());

  it('gives an instance launched from a registered AMI its name and description, and one whose AMI does not exist none', async () => {
    const { snapshot, calls } = await scanAccounts(endpoint, [accountId]);
    expect(snapshot.coverage.every((c) => c.status === 'ok')).toBe(true);
    const instances = byField(snapshot, 'AWS::EC2::Instance', 'InstanceId');
    const redash = instances.get(fromRegistered)!;
    expect(redash.ImageId).toBe(registered);
    expect(redash.Image).toMatchObject({
      ImageId: registered,
      Name: 'redash-10.1.0-ubuntu-22.04-20240115',
      Description: 'Redash 10.1.0 all-in-one: web server, workers, PostgreSQL and Redis',
      OwnerId: accountId,
    });
    for (const key of Object.keys(redash.Image as object)) expect(IMAGE_FIELDS).toContain(key);
    const orphan = instances.get(fromMissing)!;
    expect(orphan.ImageId).toBe(MISSING_AMI);
    expect(orphan).not.toHaveProperty('Image');
    expect(calls['ec2:DescribeImages']).toBe(1);
    expect(calls).toEqual(lowerBoundCalls(snapshot, { pagesAs: 'moto', roles: 1 }));
  });

  it('skips an AMI moto answers InvalidAMIID.NotFound for, when it is asked alone', async () => {
    proxy.clear();
    const base = { region: 'us-east-1', endpoint: proxy.endpoint, limiter: createLimiter(4) };
    const credentials = assumedRoleCredentials(createStsPort({ ...base, credentials: async () => TEST_CREDENTIALS, counter: new CallCounter() }), roleArnFor(accountId));
    const target: AwsTarget = { ...base, credentials, counter: new CallCounter() };
    const ctx = createServiceContext({ accountId, region: 'us-east-1', service: 'ec2', includeUserData: false, reporter: memorySink() });
    const out = await collectEc2(createEc2Port(target, { ...EC2_PAGE_SIZE, DescribeImages: 1 }), ctx);
    const asked = proxy.requests.filter((r) => r.action === 'DescribeImages').map((r) => r.params.get('ImageId.1'));
    expect(asked.sort()).toEqual([MISSING_AMI, registered].sort());
    expect(ctx.failures).toEqual([]);
    const instances = new Map(out.resources['AWS::EC2::Instance']!.map((i) => [i.InstanceId, i]));
    expect((instances.get(fromRegistered)!.Image as { Name: string }).Name).toBe('redash-10.1.0-ubuntu-22.04-20240115');
    expect(instances.get(fromMissing)).not.toHaveProperty('Image');
  });

  it('records a denied DescribeImages in the ec2 coverage with nothing missing, and scans the rest', async () => {
    proxy.setFaults([{ service: 'ec2', action: 'DescribeImages', respond: 'access-denied' }]);
    const { snapshot } = await scanAccounts(proxy.endpoint, [accountId]);
    const ec2 = snapshot.coverage.find((c) => c.service === 'ec2')!;
    expect(ec2).toMatchObject({ status: 'error', errorCode: 'UnauthorizedOperation', error: expect.stringContaining('ec2:DescribeImages'), missing: [] });
    expect(snapshot.coverage.filter((c) => c.status === 'ok').map((c) => c.service)).toEqual(['autoscaling', 'elb', 'elbv2']);
    const instances: AwsResource[] = snapshot.resources['AWS::EC2::Instance']!;
    expect(instances.map((i) => i.InstanceId).sort()).toEqual([fromRegistered, fromMissing].sort());
    for (const instance of instances) expect(instance).not.toHaveProperty('Image');
  });
});
