import { ValidationPipe } from '@nestjs/common';
import { ServiceException, VALIDATION_OPTIONS, toFieldErrors } from '@switchboard/messaging';

/** Bodies, params and queries are validated like NATS payloads: unknown fields are refused. */
export const httpValidationPipe = new ValidationPipe({
  ...VALIDATION_OPTIONS,
  transform: true,
  exceptionFactory: (errors) => ServiceException.validation(toFieldErrors(errors)),
});
