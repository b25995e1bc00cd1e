import type { z } from 'zod';

/** Stands in for a path segment the page chose (a record's key), which is never repeated. */
const CHOSEN_KEY = '<key>';

/** Where one segment of an issue's path leads: its name, if the contract gave it one. */
interface Step {
  name: string;
  schema: z.core.$ZodType | undefined;
}

const chosen: Step = { name: CHOSEN_KEY, schema: undefined };

/** The schema that parses what `schema` is given, past optional, default, lazy and the like. */
function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return unwrapped(def.innerType);
    case 'lazy':
      return unwrapped(def.getter());
    default:
      return schema;
  }
}

function stepInto(schema: z.core.$ZodType | undefined, segment: PropertyKey): Step {
  if (!schema) return chosen;
  const def = (unwrapped(schema) as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object':
      return typeof segment === 'string' && Object.hasOwn(def.shape, segment)
        ? { name: segment, schema: def.shape[segment] }
        : chosen;
    case 'array':
      return typeof segment === 'number' ? { name: String(segment), schema: def.element } : chosen;
    case 'tuple':
      return typeof segment === 'number'
        ? { name: String(segment), schema: def.items[segment] ?? def.rest ?? undefined }
        : chosen;
    case 'record':
      return { name: CHOSEN_KEY, schema: def.valueType };
    case 'pipe':
      return firstNamed([def.in, def.out], segment);
    case 'union':
      return firstNamed(def.options, segment);
    case 'intersection':
      return firstNamed([def.left, def.right], segment);
    default:
      return chosen;
  }
}

function firstNamed(schemas: readonly z.core.$ZodType[], segment: PropertyKey): Step {
  for (const schema of schemas) {
    const step = stepInto(schema, segment);
    if (step.schema) return step;
  }
  return chosen;
}

/** An issue's path as the contract names it; a record's key, or any unnamed one, is <key>. */
function contractPath(schema: z.core.$ZodType, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(input)';
  const names: string[] = [];
  let at: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    const step = stepInto(at, segment);
    names.push(step.name);
    at = step.schema;
  }
  return names.join('.');
}

/**
 * "theme: invalid_value; fields.<key>: invalid_type": each failed field by the contract's
 * name for it, and the kind of failure. Never a value, and never a key the page chose: zod's
 * own messages repeat such keys ("Unrecognized key: …"), and record keys are the page's.
 */
export function describeIssues(schema: z.core.$ZodType, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${contractPath(schema, issue.path)}: ${issue.code}`)
    .join('; ');
}
