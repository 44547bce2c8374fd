import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
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

const NUL_ERROR = 'must not contain the NUL character (\\u0000)';

/**
 * The fields whose strings hold U+0000, which no text needs and PostgreSQL cannot store (it
 * fails the whole statement). Checked before the contract's rules, for every field, so no
 * contract has to remember it.
 */
export function nulFields(value: unknown, parent = ''): FieldError[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ field: parent, errors: [NUL_ERROR] }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    nulFields(item, parent ? `${parent}.${key}` : key),
  );
}

/**
 * Nest's ValidationPipe with the shared options, answering VALIDATION_FAILED with the fields,
 * and refusing NUL characters anywhere in the input (`nulFields`).
 */
export class ContractValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...VALIDATION_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => ServiceException.validation(toFieldErrors(errors)),
    });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const withNul = nulFields(value);
    if (withNul.length > 0) throw ServiceException.validation(withNul);
    return super.transform(value, metadata);
  }
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
  const withNul = nulFields(payload);
  if (withNul.length > 0) throw ServiceException.validation(withNul);
  const instance = plainToInstance(cls, payload);
  const errors = await validate(
    instance,
    options.allowUnknown ? { forbidUnknownValues: true } : VALIDATION_OPTIONS,
  );
  if (errors.length > 0) throw ServiceException.validation(toFieldErrors(errors));
  return instance;
}
