import { FieldError } from '@switchboard/contracts';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import { ServiceException } from './service-exception';

/** Options shared by every place a message is validated: unknown fields are refused, not dropped. */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
} as const;

export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, errors: Object.values(error.constraints) }]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/**
 * Builds an instance of `cls` from a plain payload and validates it, or throws VALIDATION_FAILED.
 * Commands refuse unknown fields; events are read tolerantly (`allowUnknown`), so a consumer of
 * v1 keeps working when the publisher adds fields.
 */
export async function validatePayload<T extends object>(
  cls: new () => T,
  payload: unknown,
  options: { allowUnknown?: boolean } = {},
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw ServiceException.validation([{ field: '', errors: ['payload must be an object'] }]);
  }
  const instance = plainToInstance(cls, payload);
  const errors = await validate(
    instance,
    options.allowUnknown ? { forbidUnknownValues: true } : VALIDATION_OPTIONS,
  );
  if (errors.length > 0) throw ServiceException.validation(toFieldErrors(errors));
  return instance;
}
