import { getMetadataStorage, MetadataStorage, ValidationTypes } from 'class-validator';

// class-transformer keeps @Type's target in a storage that only its CommonJS build exports.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

export type JsonSchema = Record<string, unknown>;
type Class = abstract new (...args: never[]) => unknown;

/**
 * JSON Schemas of payload classes, read off their class-validator decorators: the same rules
 * the services validate with, so the document cannot promise what validation does not enforce.
 * A class met through @ValidateNested + @Type becomes a schema of its own, referenced by `$ref`.
 */
export class JsonSchemas {
  /** Every schema so far, by its class's name. */
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly names = new Map<Class, string>();

  constructor(private readonly refPrefix: string) {}

  /** `{ $ref }` to the class's schema, adding it (and what it nests) to `schemas` first. */
  ref(type: Class): JsonSchema {
    return { $ref: this.refPrefix + this.add(type) };
  }

  /** Adds the class's schema under its name and returns that name. */
  add(type: Class): string {
    const known = this.names.get(type);
    if (known) return known;
    // Two classes of one name (in different files) must not overwrite each other.
    let name = type.name;
    for (let n = 2; name in this.schemas; n++) name = `${type.name}${n}`;
    this.names.set(type, name);
    this.schemas[name] = {};
    this.schemas[name] = this.objectSchema(type);
    return name;
  }

  private objectSchema(type: Class): JsonSchema {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(
      type as unknown as new () => unknown,
      '',
      true,
      false,
    )) {
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    }
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [property, rules] of byProperty) {
      properties[property] = this.propertySchema(type, property, rules);
      const conditional = rules.some(
        (rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION,
      );
      if (!conditional) required.push(property);
    }
    return {
      type: 'object',
      title: type.name,
      properties,
      ...(required.length > 0 ? { required } : {}),
    };
  }

  private propertySchema(type: Class, property: string, rules: ValidationMetadata[]): JsonSchema {
    const schema: JsonSchema = {};
    const items: JsonSchema = {};
    const unknown: string[] = [];
    const notes: string[] = [];
    const designType: unknown = Reflect.getMetadata('design:type', type.prototype, property);
    let array = designType === Array;
    for (const rule of rules) {
      const target = rule.each ? items : schema;
      if (rule.each) array = true;
      if (rule.type === ValidationTypes.NESTED_VALIDATION) {
        const nested = this.nestedClass(type, property, designType);
        if (nested) Object.assign(array ? items : target, this.ref(nested));
        else unknown.push('ValidateNested without @Type');
      } else if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        // @IsOptional is `name: isOptional`; @ValidateIf has no name and its condition is code.
        if (rule.name !== 'isOptional') {
          notes.push('Checked only when a condition holds (@ValidateIf), e.g. when not null.');
        }
      } else if (rule.name === 'isArray') {
        array = true;
      } else if (!applyRule(target, rule)) {
        unknown.push(rule.name ?? rule.type);
      }
    }
    if (array) {
      schema.type = 'array';
      schema.items = items;
    }
    if (unknown.length > 0) notes.push(`Also validated by ${unknown.join(', ')}.`);
    if (notes.length > 0) schema.description = notes.join(' ');
    // Siblings of a `$ref` are ignored, so `type: object` from @IsObject goes.
    if ('$ref' in schema) return { $ref: schema.$ref };
    return schema;
  }

  /** The class of a nested property: @Type(() => X) if given, else its declared type. */
  private nestedClass(type: Class, property: string, designType: unknown): Class | undefined {
    const declared = defaultMetadataStorage.findTypeMetadata(type, property);
    const nested: unknown = declared ? declared.typeFunction() : designType;
    const plain = [Object, Array, String, Number, Boolean];
    return typeof nested === 'function' && !plain.includes(nested as never)
      ? (nested as Class)
      : undefined;
  }
}

/** Rules that only say what kind of value a property is. */
const KINDS: Record<string, JsonSchema> = {
  isString: { type: 'string' },
  isInt: { type: 'integer' },
  isNumber: { type: 'number' },
  isBoolean: { type: 'boolean' },
  isObject: { type: 'object' },
  isUuid: { type: 'string', format: 'uuid' },
  isEmail: { type: 'string', format: 'email' },
  isUrl: { type: 'string', format: 'uri' },
  isIp: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
  isDateString: { type: 'string', format: 'date-time' },
  isIso8601: { type: 'string', format: 'date-time' },
};

/** Rules whose first constraint becomes a keyword. */
const LIMITS: Record<string, string> = {
  minLength: 'minLength',
  maxLength: 'maxLength',
  min: 'minimum',
  max: 'maximum',
  arrayMinSize: 'minItems',
  arrayMaxSize: 'maxItems',
};

/**
 * Writes one class-validator rule into a schema; false when the rule has no JSON Schema form
 * here (the caller names it in the property's description instead).
 */
function applyRule(schema: JsonSchema, rule: ValidationMetadata): boolean {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  const name = rule.name ?? '';
  if (name in KINDS) {
    Object.assign(schema, structuredClone(KINDS[name]));
  } else if (name in LIMITS) {
    schema[LIMITS[name]] = first;
  } else if (name === 'isLength') {
    schema.minLength = first;
    if (typeof second === 'number') schema.maxLength = second;
  } else if (name === 'isIn') {
    schema.enum = [...(first as unknown[])];
  } else if (name === 'isEnum') {
    schema.enum = Object.values(first as object);
  } else if (name === 'matches') {
    schema.pattern = first instanceof RegExp ? first.source : String(first);
  } else {
    return false;
  }
  return true;
}
