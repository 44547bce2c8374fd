import { describe, expect, it } from '@jest/globals';
import { IsOptional, MinLength } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { IsPort, ServiceConfig } from './service-config';

class ExampleConfig extends ServiceConfig {
  @IsPort()
  EXAMPLE_PORT = 3999;

  @IsOptional()
  @MinLength(16)
  EXAMPLE_SECRET?: string;
}

describe('loadConfig', () => {
  it('applies defaults when variables are unset', () => {
    const config = loadConfig(ExampleConfig, {});
    expect(config.EXAMPLE_PORT).toBe(3999);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.EVENT_MAX_ATTEMPTS).toBe(5);
  });

  it('converts numbers from strings', () => {
    expect(loadConfig(ExampleConfig, { EXAMPLE_PORT: '4100' }).EXAMPLE_PORT).toBe(4100);
  });

  it.each([
    ['EXAMPLE_PORT', 'eighty'],
    ['EXAMPLE_PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NATS_URL', 'http://localhost:4222'],
    ['LOG_LEVEL', 'loud'],
    ['NATS_NAMESPACE', 'a.b'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    let caught: unknown;
    try {
      loadConfig(ExampleConfig, { [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(name);
    expect((caught as Error).message).toContain(value);
  });

  it('names a refused secret without showing it', () => {
    expect(() => loadConfig(ExampleConfig, { EXAMPLE_SECRET: 'in-a-log' })).toThrow(
      /EXAMPLE_SECRET must be .* \(got a value not shown\)/,
    );
    expect(() => loadConfig(ExampleConfig, { EXAMPLE_SECRET: 'in-a-log' })).not.toThrow(/in-a-log/);
    expect(loadConfig(ExampleConfig, { EXAMPLE_SECRET: 'p0123456789abcdef' }).EXAMPLE_SECRET).toBe(
      'p0123456789abcdef',
    );
  });
});
