import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@switchboard/config';
import { ErrorEnvelope } from '@switchboard/contracts';
import { createTestDatabase, testEnv, uniqueNamespace } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { ApiGatewayModule } from '../src/api-gateway.module';
import { ApiGatewayConfig } from '../src/config';
import { configureHttp } from '../src/http/configure-http';

const DESK_ORIGIN = 'https://desk.example.test';
/** The live session the test's access tokens name (the gateway refuses one it does not know). */
const SESSION_ID = '00000000-0000-4000-8000-000000000003';

/**
 * The gateway's own HTTP behaviour, in-process on a Nest testing module: error shapes,
 * validation, the auth guard, security headers, CORS, body limits and the OpenAPI document. No
 * other service runs: a route that needs ticket-core answers 503, which is part of what is shown.
 */
describe('api-gateway HTTP edge (in-process, supertest)', () => {
  let app: INestApplication;
  let storage: string;
  let config: ApiGatewayConfig;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'gateway-http-'));
    const databaseUrl = await createTestDatabase();
    config = loadConfig(ApiGatewayConfig, {
      DATABASE_URL: databaseUrl,
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: uniqueNamespace('http'),
      CORS_ORIGINS: DESK_ORIGIN,
      BODY_LIMIT: '2kb',
      STORAGE_DIR: storage,
      LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ApiGatewayModule.forRoot(config)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await configureHttp(app, config);
    await app.init();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO gateway.sessions (id, agent_id, workspace_id) VALUES ($1, $2, $3)`,
      [SESSION_ID, '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
    );
    await db.end();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** An access token as the gateway signs them, with the claims given. */
  const accessToken = (
    claims: object = {},
    options: { secret?: string; expiresIn?: number } = {},
  ) =>
    new JwtService().sign(
      {
        sub: '00000000-0000-4000-8000-000000000001',
        ws: '00000000-0000-4000-8000-000000000002',
        role: 'agent',
        teams: [],
        name: 'Ada',
        email: 'ada@example.test',
        sid: SESSION_ID,
        ...claims,
      },
      { secret: options.secret ?? config.JWT_SECRET, expiresIn: options.expiresIn ?? 900 },
    );

  describe('errors', () => {
    it('answers unknown routes, malformed JSON and unknown fields with JSON errors', async () => {
      const unknown = await http().get('/api/v1/nothing-here').expect(404);
      expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
      const malformed = await http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const extra = await http()
        .post('/api/v1/auth/login')
        .send({ email: 'a@a.test', password: 'x', admin: true })
        .expect(400);
      expect((extra.body as ErrorEnvelope).details?.fields?.map((f) => f.field)).toEqual(['admin']);
    });

    it('names every field that fails validation, and a NUL character as one', async () => {
      const missing = await http().post('/api/v1/auth/login').send({}).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const fields = (missing.body as ErrorEnvelope).details?.fields?.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
      const nul = await http()
        .post('/api/v1/auth/login')
        .send({ email: 'a@a.test', password: 'pass\u0000word' })
        .expect(400);
      expect((nul.body as ErrorEnvelope).details?.fields?.map((f) => f.field)).toEqual([
        'password',
      ]);
    });

    it('answers 503 UNAVAILABLE, in the same envelope, when the owning service does not answer', async () => {
      const response = await http()
        .get('/api/v1/me')
        .set('authorization', `Bearer ${accessToken()}`)
        .expect(503);
      expect(response.body).toMatchObject({ code: 'UNAVAILABLE', message: expect.any(String) });
    });
  });

  describe('the auth guard', () => {
    it('refuses a missing, malformed, forged, foreign-signed or expired token with 401', async () => {
      const cases: Record<string, string | undefined> = {
        missing: undefined,
        'not a bearer': 'Basic YWRhOnNlY3JldA==',
        forged: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad',
        'signed with another secret': `Bearer ${accessToken({}, { secret: 'x'.repeat(40) })}`,
        expired: `Bearer ${accessToken({}, { expiresIn: -10 })}`,
        'unknown API token': 'Bearer sbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      };
      for (const [name, header] of Object.entries(cases)) {
        const call = http().get('/api/v1/views/new');
        const response = await (header ? call.set('authorization', header) : call);
        expect({ name, status: response.status, code: response.body.code }).toEqual({
          name,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    });

    it('lets public routes, health and metrics through without a token', async () => {
      await http().get('/health/live').expect(200);
      await http().get('/metrics').expect(200);
      await http().get('/api/openapi.json').expect(200);
      // Public, and refused for its input rather than for a missing token.
      const login = await http().post('/api/v1/auth/login').send({}).expect(400);
      expect(login.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('headers', () => {
    it("sends helmet's security headers on API answers, errors included", async () => {
      for (const path of ['/api/openapi.json', '/api/v1/me', '/api/v1/nothing-here']) {
        const response = await http().get(path);
        expect([200, 401, 404]).toContain(response.status);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['strict-transport-security']).toContain('max-age=');
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('answers CORS preflights for the configured origins only', async () => {
      const preflight = (origin: string) =>
        http()
          .options('/api/v1/views/new')
          .set('origin', origin)
          .set('access-control-request-method', 'GET')
          .set('access-control-request-headers', 'authorization');
      const allowed = await preflight(DESK_ORIGIN).expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(DESK_ORIGIN);
      expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
      const foreign = await preflight('https://evil.example.test');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const me = await http().get('/api/v1/me').set('origin', 'https://evil.example.test');
      expect(me.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('body limits', () => {
    it('refuses a JSON body over BODY_LIMIT with 413 in the error envelope', async () => {
      const response = await http()
        .post('/api/v1/auth/login')
        .send({ email: 'a@a.test', password: 'x'.repeat(4096) })
        .expect(413);
      expect(response.body).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    });

    it('takes a body just under the limit to validation', async () => {
      const response = await http()
        .post('/api/v1/auth/login')
        .send({ email: 'a@a.test', password: 'x'.repeat(1024), extra: 1 })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the OpenAPI document', () => {
    it('serves the document it was committed with, and its UI', async () => {
      const served = await http().get('/api/openapi.json').expect(200);
      const committed: unknown = JSON.parse(
        readFileSync(resolve(__dirname, '../../../openapi.json'), 'utf8'),
      );
      // On a difference: run `npm run openapi` and commit openapi.json (and the metadata).
      expect(served.body).toEqual(committed);
      const ui = await http().get('/api/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
