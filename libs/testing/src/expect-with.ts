import type { expect as JestExpect } from '@jest/globals';

type Expectation<T> = ReturnType<typeof JestExpect<T>>;

/**
 * jest's `expect` as the running test file has it. Only a type is imported: this library is also
 * loaded by jest's global setup, where importing @jest/globals throws.
 */
const expect = <T>(actual: T): Expectation<T> =>
  (globalThis as unknown as { expect: typeof JestExpect }).expect(actual);

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
