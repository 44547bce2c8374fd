import { ServiceException } from '@switchboard/messaging';
import { expectWith } from './expect-with';

/**
 * The error a request was refused with. The test fails when the request was answered, or refused
 * with anything but a service's error (a crash or a timeout is not a refusal).
 */
export async function rejection(
  request: Promise<unknown>,
  message = 'the request must be refused',
): Promise<ServiceException> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expectWith(message, error).toBeInstanceOf(ServiceException);
  return error as ServiceException;
}

/**
 * How a request ended, as one string to compare: the error code it was refused with, or `answered`
 * (or the word given) when it succeeded. For tables of cases where either outcome is expected.
 */
export function outcome(request: Promise<unknown>, answered = 'answered'): Promise<string> {
  return request.then(
    () => answered,
    (error: unknown) => {
      if (error instanceof ServiceException) return error.code;
      throw error;
    },
  );
}
