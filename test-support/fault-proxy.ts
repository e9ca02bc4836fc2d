/**
 * A small HTTP proxy in front of moto, run inside the test process. It
 * records every AWS request (service and region from the SigV4 scope, the
 * action and parameters from the query-protocol body), counts logical calls
 * as `service:Action` (the IAM action name), and answers chosen requests
 * itself: AccessDenied, UnauthorizedOperation, throttling, 5xx, a dropped
 * connection, or any canned body. moto has none of these on its own.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  /** SigV4 signing name: ec2, elasticloadbalancing (ELB and ELBv2), autoscaling, sts. */
  service: string;
  region: string;
  action: string;
  /** 1 for the first attempt of a call, 2… for SDK retries. */
  attempt: number;
  params: URLSearchParams;
}

export type CannedResponse = { status: number; body: string; contentType?: string } | 'drop';

/** A rule: which requests it matches, and what the proxy answers instead of moto. */
export interface FaultRule {
  service?: string;
  action?: string;
  region?: string;
  /** A predefined error, or a function that builds any answer (undefined: pass through). */
  respond: 'access-denied' | 'throttle' | 'unavailable' | 'internal-error' | 'drop' | ((request: ProxiedRequest) => CannedResponse | undefined);
  /** Answer only the first N matching requests, then pass through. */
  times?: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /** Logical calls (first attempts) per `service:Action`, keys sorted. */
  calls(): Record<string, number>;
  /** Replaces the fault rules. */
  setFaults(rules: FaultRule[]): void;
  /** The most requests that were open at the same time since the last clear(). */
  peakInFlight(): number;
  /** Forgets the recorded requests. */
  clear(): void;
  close(): Promise<void>;
}

function scopeOf(authorization: string | undefined): { service: string; region: string } {
  const match = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(authorization ?? '');
  return match ? { region: match[1]!, service: match[2]! } : { region: '?', service: '?' };
}

/** The error a service returns for a denied call, in its own XML shape. */
export function errorResponse(service: string, kind: 'access-denied' | 'throttle' | 'unavailable' | 'internal-error', action: string): { status: number; body: string } {
  const id = randomUUID();
  const ec2 = service === 'ec2';
  const [status, code, message] = {
    'access-denied': ec2
      ? ([403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.'] as const)
      : ([403, 'AccessDenied', `User: arn:aws:sts::000000000000:assumed-role/kubelift-scan/kubelift is not authorized to perform: ${service}:${action}`] as const),
    throttle: ec2 ? ([503, 'RequestLimitExceeded', 'Request limit exceeded.'] as const) : ([400, 'Throttling', 'Rate exceeded'] as const),
    unavailable: [503, ec2 ? 'Unavailable' : 'ServiceUnavailable', 'injected'] as const,
    'internal-error': [500, 'InternalError', 'injected'] as const,
  }[kind];
  const body = ec2
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`
    : `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
  return { status, body };
}

/** Starts a proxy on a free loopback port in front of `target` (moto's endpoint). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  let rules: (FaultRule & { used: number })[] = [];
  let inFlight = 0;
  let peak = 0;

  const server = http.createServer((req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    let open = true;
    const done = (): void => {
      if (open) inFlight--;
      open = false;
    };
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const { service, region } = scopeOf(req.headers.authorization);
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? String(req.headers['x-amz-target'] ?? `${req.method} ${req.url}`);
      const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? '1');
      const request: ProxiedRequest = { service, region, action, attempt, params };
      requests.push(request);

      for (const rule of rules) {
        if (rule.service && rule.service !== service) continue;
        if (rule.action && rule.action !== action) continue;
        if (rule.region && rule.region !== region) continue;
        if (rule.times !== undefined && rule.used >= rule.times) continue;
        const answer: CannedResponse | undefined =
          typeof rule.respond === 'function' ? rule.respond(request) : rule.respond === 'drop' ? 'drop' : errorResponse(service, rule.respond, action);
        if (answer === undefined) continue;
        rule.used++;
        if (answer === 'drop') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/xml' });
        res.end(answer.body);
        return;
      }

      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    calls() {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.attempt === 1) counts.set(`${r.service}:${r.action}`, (counts.get(`${r.service}:${r.action}`) ?? 0) + 1);
      return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    setFaults(next) {
      rules = next.map((rule) => ({ ...rule, used: 0 }));
    },
    peakInFlight: () => peak,
    clear() {
      requests.length = 0;
      peak = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
