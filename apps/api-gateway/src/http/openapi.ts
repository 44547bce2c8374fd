import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/auth.decorators';
import metadata from '../metadata';

export const OPENAPI_DOCS_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/openapi.json';

/**
 * The REST API's OpenAPI 3 document. Schemas come from apps/api-gateway/src/metadata.ts, which
 * `npm run openapi` generates with @nestjs/swagger's plugin (the SWC build runs no TS plugin),
 * together with the committed openapi.json that a test compares with what the gateway serves.
 */
export async function openApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const config = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription(
      'The helpdesk REST API for agents and integrations. Authenticate with `POST /api/v1/auth/login` ' +
        '(an access token) or an API token, sent as `Authorization: Bearer <token>`. Errors are ' +
        '`{ code, message, details }` with the status of their code. Another workspace’s ids, and ' +
        'tickets outside the caller’s teams, answer 404.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
  // Health and metrics are for the platform, not part of the API.
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')),
  );
  // Every operation needs the bearer token unless its route is @Public().
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Record<string, unknown>[]) {
      if (typeof operation !== 'object' || !(PUBLIC_EXTENSION in operation)) continue;
      delete operation[PUBLIC_EXTENSION];
      operation.security = [];
    }
  }
  return document;
}

/** Serves the document at /api/openapi.json and the Swagger UI at /api/docs. */
export async function serveOpenApi(app: INestApplication): Promise<void> {
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, await openApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
  });
}
