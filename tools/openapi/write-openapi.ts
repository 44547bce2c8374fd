import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@switchboard/config';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { ApiGatewayModule } from '../../apps/api-gateway/src/api-gateway.module';
import { ApiGatewayConfig } from '../../apps/api-gateway/src/config';
import { openApiDocument } from '../../apps/api-gateway/src/http/openapi';

/**
 * Writes the gateway's OpenAPI document to openapi.json at the repository root (committed; a
 * test fails when the running gateway serves anything else). The application is built in
 * preview mode: its routes are known without connecting to PostgreSQL or NATS.
 */
const OUTPUT = resolve(__dirname, '../../../openapi.json');

async function main(): Promise<void> {
  const config = loadConfig(ApiGatewayConfig, {});
  const app = await NestFactory.create(ApiGatewayModule.forRoot(config), {
    preview: true,
    logger: false,
  });
  const document = await openApiDocument(app);
  const options = await prettier.resolveConfig(OUTPUT);
  writeFileSync(
    OUTPUT,
    await prettier.format(JSON.stringify(document), { ...options, filepath: OUTPUT }),
  );
  await app.close();
  console.log(`wrote ${OUTPUT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
