import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A uuid from the path; anything else is a 400 before any service is asked. */
export const UuidParam = (name = 'id') => Param(name, new ParseUUIDPipe());
