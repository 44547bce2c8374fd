import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validateSync } from 'class-validator';

/** Thrown when the environment is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose value must not reach a log, even when it is wrong. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY/;

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => {
    const value =
      error.value === undefined
        ? 'unset'
        : SECRET_NAME.test(error.property)
          ? 'a value not shown'
          : JSON.stringify(error.value);
    return Object.values(error.constraints ?? {}).map(
      (constraint) => `${error.property}: ${constraint} (got ${value})`,
    );
  });
}

/**
 * Parses the environment into a typed config object, once, at startup. Unknown variables are
 * ignored (the process environment holds many); declared ones are converted and validated.
 */
export function loadConfig<T extends object>(
  configClass: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(configClass, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const source: Record<string, unknown> = {};
  for (const key of declared) {
    const value = env[key];
    if (value !== undefined && value !== '') source[key] = value;
  }
  const config = plainToInstance(configClass, source, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return config;
}
