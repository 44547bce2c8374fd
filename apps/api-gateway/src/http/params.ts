import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ServiceException } from '@switchboard/messaging';

/**
 * A uuid from the path; anything else is a 400 naming the parameter, as every validation error
 * names its fields, before any service is asked.
 */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ServiceException.validation([{ field: name, errors: [`${name} must be a UUID`] }]),
    }),
  );
