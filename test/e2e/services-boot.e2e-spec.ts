import { SERVICE_NAMES, pingSubject } from '@switchboard/contracts';
import {
  ServiceProcess,
  TestNatsClient,
  connectTestClient,
  exitedCleanly,
  testEnv,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

describe('every service', () => {
  const namespace = uniqueNamespace('boot');
  const services: ServiceProcess[] = [];
  let client: TestNatsClient;

  beforeAll(async () => {
    const { databaseUrl, natsUrl } = testEnv();
    const env = { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
    services.push(
      ...(await Promise.all(SERVICE_NAMES.map((app) => ServiceProcess.start(app, { env })))),
    );
    client = await connectTestClient(natsUrl, namespace);
  });

  afterAll(async () => {
    await client?.close();
    await Promise.all(services.map((service) => service.stop()));
  });

  it.each(SERVICE_NAMES)('%s is live and ready over HTTP', async (name) => {
    const service = services.find((candidate) => candidate.app === name)!;
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, nats: { status: 'up' } },
    });
  });

  it.each(SERVICE_NAMES)('%s answers a ping over NATS', async (name) => {
    const pong = await client.rpc.request(pingSubject(name), { echo: `hello ${name}` });
    expect(pong).toMatchObject({ service: name, echo: `hello ${name}` });
  });

  it.each(SERVICE_NAMES)('%s serves Prometheus metrics with request durations', async (name) => {
    const service = services.find((candidate) => candidate.app === name)!;
    const body = await (await fetch(`${service.url}/metrics`)).text();
    expect(body).toContain('http_request_duration_seconds_bucket');
    expect(body).toContain('route="/health/ready"');
  });

  it("echoes the caller's x-request-id, or gives one", async () => {
    const service = services[0];
    const given = await fetch(`${service.url}/health/live`, {
      headers: { 'x-request-id': 'req-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('req-42');
    const made = await fetch(`${service.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const { databaseUrl } = testEnv();
    const broken = await ServiceProcess.start('ticket-core', {
      env: { DATABASE_URL: databaseUrl, NATS_URL: 'http://nats:4222', NATS_NAMESPACE: namespace },
      waitReady: false,
    });
    const exit = await waitFor(() => (broken.running ? undefined : broken.stop()), {
      description: 'the misconfigured service to exit',
    });
    expect(exit.code).toBe(78);
    expect(readFileSync(broken.logFile, 'utf8')).toMatch(/NATS_URL.*http:\/\/nats:4222/);
  });

  it.each([
    ['api-gateway', 'JWT_SECRET'],
    ['notification', 'REPLY_TOKEN_SECRET'],
  ] as const)('%s refuses the development %s in production, naming it', async (app, variable) => {
    const { databaseUrl, natsUrl } = testEnv();
    const refused = await ServiceProcess.start(app, {
      env: { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, NODE_ENV: 'production' },
      waitReady: false,
    });
    const exit = await waitFor(() => (refused.running ? undefined : refused.stop()), {
      description: `${app} to refuse its secret`,
    });
    expect(exit.code).toBe(78);
    expect(readFileSync(refused.logFile, 'utf8')).toContain(
      `${variable} is the published development default`,
    );
  });

  it.each(SERVICE_NAMES)('%s exits cleanly on SIGTERM', async (name) => {
    const service = services.find((candidate) => candidate.app === name)!;
    expect(exitedCleanly(await service.stop())).toBe(true);
  });
});
