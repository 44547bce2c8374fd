import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config';
import { Secret } from './secret';
import { ServiceConfig } from './service-config';

const DEFAULT = 'the-published-development-default-secret';

class SecretConfig extends ServiceConfig {
  @Secret(DEFAULT)
  SIGNING_SECRET = DEFAULT;
}

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(SecretConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('Secret', () => {
  it('keeps the development default outside production', () => {
    expect(loadConfig(SecretConfig, {}).SIGNING_SECRET).toBe(DEFAULT);
    expect(loadConfig(SecretConfig, { NODE_ENV: 'test' }).SIGNING_SECRET).toBe(DEFAULT);
  });

  it('refuses a missing or default secret in production, naming it', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/SIGNING_SECRET is the published/);
    expect(refusal({ NODE_ENV: 'production', SIGNING_SECRET: DEFAULT })).toMatch(/SIGNING_SECRET/);
  });

  it('refuses fewer than 32 bytes anywhere, and takes 32', () => {
    expect(refusal({ SIGNING_SECRET: 'x'.repeat(31) })).toMatch(
      /SIGNING_SECRET must be at least 32/,
    );
    // Counted in bytes: 16 two-byte characters are 32 bytes.
    const env = { NODE_ENV: 'production', SIGNING_SECRET: 'é'.repeat(16) };
    expect(loadConfig(SecretConfig, env).SIGNING_SECRET).toBe('é'.repeat(16));
  });
});
