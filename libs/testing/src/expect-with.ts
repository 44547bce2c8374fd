import { expect } from '@jest/globals';

type Expectation<T> = ReturnType<typeof expect<T>>;

/**
 * `expect(actual)` whose failure starts with `message`, for checks in loops and tables where the
 * value alone does not say which case failed (jest's `expect` takes no message).
 */
export function expectWith<T>(message: string, actual: T): Expectation<T> {
  return withMessage(expect(actual), message);
}

function withMessage<O extends object>(target: O, message: string): O {
  const prefix = (error: unknown): unknown => {
    if (error instanceof Error) error.message = `${message}\n\n${error.message}`;
    return error;
  };
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          try {
            const result: unknown = value.apply(object, args);
            return result instanceof Promise
              ? result.catch((error) => Promise.reject(prefix(error)))
              : result;
          } catch (error) {
            throw prefix(error);
          }
        };
      }
      // `.not`, `.resolves` and `.rejects` are objects of matchers in turn.
      return value !== null && typeof value === 'object' ? withMessage(value, message) : value;
    },
  });
}
