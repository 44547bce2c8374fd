import 'reflect-metadata';
import { ConfigError, loadConfig } from '@switchboard/config';
import { webPublicDir } from '@switchboard/static-files';
import { hostname } from 'node:os';
import pino from 'pino';
import { WebConfig } from './config';
import { createWebServer } from './server';

function start(): void {
  let config: WebConfig;
  try {
    config = loadConfig(WebConfig);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`web: ${error.message}\n`);
    process.exit(78); // EX_CONFIG, as the services
  }
  // pino JSON lines like the services', so that `npm start` renders them alike.
  const logger = pino({
    level: config.LOG_LEVEL,
    base: { service: 'web', instance: `${hostname()}-${process.pid}` },
  });
  const publicDir = webPublicDir();
  const server = createWebServer(publicDir, logger);
  server.listen(config.WEB_PORT, '0.0.0.0', () =>
    logger.info(`web listening on :${config.WEB_PORT}, serving ${publicDir}`),
  );
  const stop = (signal: NodeJS.Signals) => {
    logger.info(`${signal} received; closing`);
    // Browsers keep idle connections open; they must not hold up the exit.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

start();
