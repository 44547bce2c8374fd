import { JsonSchema, JsonSchemas } from './json-schema';
import { eventClasses, requestRoutes } from './subject-map';

/**
 * The wire contract as published: every subject's payload schema, from the same validation rules
 * the services apply. `published-contract.json` holds the published one; a spec fails when the
 * code's contract breaks it (see "Versioning" in libs/contracts/README.md).
 */
export interface ContractSnapshot {
  /** Payload schemas by class name; properties refer to one another as `#/schemas/<Name>`. */
  schemas: Record<string, JsonSchema>;
  /** Command and query subjects: the name of their payload's schema. */
  requests: Record<string, string>;
  /** Event subjects: the name of their `data` schema. */
  events: Record<string, string>;
}

const REF = '#/schemas/';

export function contractSnapshot(): ContractSnapshot {
  const schemas = new JsonSchemas(REF);
  const requests = Object.fromEntries(
    Object.entries(requestRoutes).map(([subject, route]) => [subject, schemas.add(route.request)]),
  );
  const events = Object.fromEntries(
    Object.entries(eventClasses).map(([subject, type]) => [subject, schemas.add(type)]),
  );
  return { schemas: schemas.schemas, requests, events };
}

/**
 * Who reads a payload decides what breaks it. A request is read by the service: every payload an
 * old caller sends must still be accepted (nothing newly required, removed or narrowed). An event
 * is read by its subscribers: every promise an old reader relies on must still hold (required
 * properties stay required and keep their type). Readers ignore what they do not know, so added
 * optional request properties, added event properties and added enum values in events are fine.
 */
type Reader = 'service' | 'subscriber';

/** What in `current` breaks callers or subscribers of `published`, one line each. */
export function breakingChanges(published: ContractSnapshot, current: ContractSnapshot): string[] {
  const problems: string[] = [];
  const compare = (kind: 'requests' | 'events', reader: Reader) => {
    for (const [subject, name] of Object.entries(published[kind])) {
      const now = current[kind][subject];
      if (!now) {
        problems.push(`${subject}: removed (subjects are frozen: keep it beside its successor)`);
        continue;
      }
      const walk = new SchemaWalk(published.schemas, current.schemas, reader, problems);
      walk.compare(ref(name), ref(now), subject, new Set());
    }
  };
  compare('requests', 'service');
  compare('events', 'subscriber');
  return problems;
}

const ref = (name: string): JsonSchema => ({ $ref: REF + name });

const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems'] as const;

class SchemaWalk {
  constructor(
    private readonly before: Record<string, JsonSchema>,
    private readonly after: Record<string, JsonSchema>,
    private readonly reader: Reader,
    private readonly problems: string[],
  ) {}

  compare(old: JsonSchema, now: JsonSchema, path: string, seen: Set<string>): void {
    // A schema that refers back to itself is compared once per path.
    const key = `${String(old.$ref)}|${String(now.$ref)}`;
    if (old.$ref && seen.has(key)) return;
    const next = new Set(seen).add(key);
    const a = this.resolve(this.before, old);
    const b = this.resolve(this.after, now);
    const broke = (what: string) => this.problems.push(`${path}: ${what}`);

    if (a.type !== b.type) broke(`type ${String(a.type)} became ${String(b.type)}`);
    if (a.format !== b.format) broke(`format ${String(a.format)} became ${String(b.format)}`);
    if (this.reader === 'service') {
      if (a.pattern !== b.pattern) broke('its pattern changed');
      for (const bound of LOWER_BOUNDS)
        if (((b[bound] as number) ?? -Infinity) > ((a[bound] as number) ?? -Infinity))
          broke(`${bound} rose to ${String(b[bound])}`);
      for (const bound of UPPER_BOUNDS)
        if (((b[bound] as number) ?? Infinity) < ((a[bound] as number) ?? Infinity))
          broke(`${bound} fell to ${String(b[bound])}`);
    }
    if (Array.isArray(a.enum) || Array.isArray(b.enum)) this.compareEnums(a, b, broke);

    const oldProperties = (a.properties ?? {}) as Record<string, JsonSchema>;
    const newProperties = (b.properties ?? {}) as Record<string, JsonSchema>;
    const oldRequired = new Set((a.required ?? []) as string[]);
    const newRequired = new Set((b.required ?? []) as string[]);
    for (const [property, schema] of Object.entries(oldProperties)) {
      const successor = newProperties[property];
      if (!successor) {
        if (this.reader === 'service' || oldRequired.has(property))
          broke(`property ${property} was removed`);
        continue;
      }
      if (this.reader === 'subscriber' && oldRequired.has(property) && !newRequired.has(property))
        broke(`property ${property} is no longer always there`);
      this.compare(schema, successor, `${path}.${property}`, next);
    }
    if (this.reader === 'service')
      for (const property of newRequired)
        if (!oldRequired.has(property)) broke(`property ${property} is now required`);
    if (a.items && b.items)
      this.compare(a.items as JsonSchema, b.items as JsonSchema, `${path}[]`, next);
  }

  private compareEnums(a: JsonSchema, b: JsonSchema, broke: (what: string) => void): void {
    const before = new Set((a.enum ?? []) as unknown[]);
    const after = new Set((b.enum ?? []) as unknown[]);
    if (this.reader === 'service') {
      // A caller may still send every value it could send before.
      const dropped = [...before].filter((value) => !after.has(value));
      if (dropped.length > 0 || (!a.enum && b.enum))
        broke(`no longer accepts ${dropped.length ? dropped.join(', ') : 'any value'}`);
    } else if (a.enum && !b.enum) {
      broke('is no longer one of a known set of values');
    }
  }

  private resolve(schemas: Record<string, JsonSchema>, schema: JsonSchema): JsonSchema {
    const target = schema.$ref;
    if (typeof target !== 'string') return schema;
    return schemas[target.slice(REF.length)] ?? {};
  }
}
