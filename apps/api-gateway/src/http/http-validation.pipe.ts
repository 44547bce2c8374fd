import { ArgumentMetadata, Type } from '@nestjs/common';
import { ContractValidationPipe } from '@switchboard/messaging';
import { getMetadataStorage } from 'class-validator';

type Kind = 'number' | 'boolean' | 'array';

const KIND_OF_VALIDATOR: Record<string, Kind> = {
  isInt: 'number',
  isNumber: 'number',
  min: 'number',
  max: 'number',
  isBoolean: 'boolean',
  isArray: 'array',
  arrayMaxSize: 'array',
  arrayMinSize: 'array',
};

/** What each property of a query DTO holds, read from its class-validator rules. */
function kindsOf(metatype: Type<unknown>): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false)) {
    const kind = KIND_OF_VALIDATOR[rule.name ?? rule.type];
    if (kind && !(rule.each && kind !== 'array')) {
      // An array rule wins: "status" stays a list even with per-item rules.
      if (kinds.get(rule.propertyName) !== 'array') kinds.set(rule.propertyName, kind);
    }
  }
  return kinds;
}

function coerce(value: unknown, kind: Kind): unknown {
  if (kind === 'array') return Array.isArray(value) ? value : String(value).split(',');
  if (typeof value !== 'string') return value;
  if (kind === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/**
 * Bodies, params and queries are validated like NATS payloads: unknown fields are refused. A
 * query string only has strings, so query values are first read as the numbers, booleans and
 * lists their DTO's rules ask for (`?limit=20&status=new,open`), then validated by those rules.
 */
class HttpValidationPipe extends ContractValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      (metadata.type === 'query' || metadata.type === 'param') &&
      metadata.metatype &&
      typeof value === 'object' &&
      value !== null
    ) {
      const kinds = kindsOf(metadata.metatype);
      value = Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          const kind = kinds.get(key);
          return [key, kind ? coerce(item, kind) : item];
        }),
      );
    }
    return super.transform(value, metadata);
  }
}

export const httpValidationPipe = new HttpValidationPipe();
