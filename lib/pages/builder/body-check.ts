// Checks a Body against its operation's schema before anything is sent, and says what is wrong as
// sentences at the field. Extension pages forbid eval and new Function (MV3's content security
// policy), which rules out validators that compile a schema to code at run time (Ajv):
// @cfworker/json-schema interprets the schema as it walks the value, has no dependencies and is
// small enough for the console page.
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { JsonSchema } from '../../common/operations';

export interface FieldProblem {
  /** Where in the body: `name`, `campaign_schedule.schedules[0]`, or '' for the body as a whole. */
  field: string;
  sentence: string;
}

export type BodyCheck = { ok: true; value: unknown } | { ok: false; problems: FieldProblem[] };

const validators = new WeakMap<JsonSchema, Validator>();

function validatorFor(schema: JsonSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema as Schema, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

/** `#/campaign_schedule/schedules/0` → `campaign_schedule.schedules[0]`. */
export function fieldOf(instanceLocation: string): string {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  null: 'null',
};

const quoted = (text: string) => /"([^"]+)"/.exec(text)?.[1];

function sentenceOf(unit: OutputUnit, schemaAt: (location: string) => JsonSchema | undefined): string | undefined {
  const field = fieldOf(unit.instanceLocation);
  const subject = field || 'The body';
  const at = schemaAt(unit.keywordLocation);
  switch (unit.keyword) {
    case 'required':
      return `${field ? `${field} needs` : 'The body needs'} the field ${quoted(unit.error) ?? 'named in the schema'}.`;
    case 'type': {
      const expected = at?.type;
      const words = (Array.isArray(expected) ? expected : [expected])
        .filter((t): t is string => typeof t === 'string')
        .map((t) => TYPE_WORDS[t] ?? t);
      return `${subject} must be ${words.join(' or ') || 'of another type'}.`;
    }
    case 'enum':
      return `${subject} must be one of ${(at?.enum ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const':
      return `${subject} must be ${JSON.stringify(at?.const)}.`;
    case 'format':
      return `${subject} must be ${at?.format === 'uuid' ? 'a UUID' : `in the format ${String(at?.format)}`}.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${subject} must be at least ${String(at?.minimum ?? at?.exclusiveMinimum)}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${subject} must be at most ${String(at?.maximum ?? at?.exclusiveMaximum)}.`;
    case 'minLength':
      return `${subject} must have at least ${String(at?.minLength)} characters.`;
    case 'maxLength':
      return `${subject} must have at most ${String(at?.maxLength)} characters.`;
    case 'minItems':
      return `${subject} must hold at least ${String(at?.minItems)} item${at?.minItems === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `${subject} must hold at most ${String(at?.maxItems)} items.`;
    case 'pattern':
      return `${subject} does not have the expected form (${String(at?.pattern)}).`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return undefined; // said once per unknown field, by the 'false schema' unit below
    case 'false':
      return `${subject} is not a field this endpoint takes.`;
    case 'minProperties':
      return `${subject} needs at least ${String(at?.minProperties)} field${at?.minProperties === 1 ? '' : 's'}.`;
    case 'anyOf':
    case 'oneOf':
      return `${subject} matches none of the shapes this endpoint accepts.`;
    default:
      return undefined; // the containers (properties, items, allOf): their inner unit says it
  }
}

/** The schema at a keyword location such as `#/properties/limit/type` (its parent, the keyword's owner). */
function locator(root: JsonSchema) {
  return (keywordLocation: string): JsonSchema | undefined => {
    const parts = keywordLocation.replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, -1);
    let node: unknown = root;
    for (const part of parts) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[decodeURIComponent(part)];
    }
    return typeof node === 'object' && node !== null ? (node as JsonSchema) : undefined;
  };
}

/** The Body as typed: parsed as JSON, then checked against the schema. Empty text is no body. */
export function checkBody(text: string, schema: JsonSchema | undefined, required: boolean): BodyCheck {
  if (text.trim() === '') {
    return required
      ? { ok: false, problems: [{ field: '', sentence: 'This endpoint needs a body.' }] }
      : { ok: true, value: undefined };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    return {
      ok: false,
      problems: [{ field: '', sentence: `The body is not valid JSON${detail ? `: ${detail}` : ''}.` }],
    };
  }
  if (!schema) return { ok: true, value };
  const result = validatorFor(schema).validate(value);
  if (result.valid) return { ok: true, value };
  const schemaAt = locator(schema);
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const unit of result.errors) {
    const sentence = sentenceOf(unit, schemaAt);
    if (!sentence || seen.has(sentence)) continue;
    seen.add(sentence);
    problems.push({ field: fieldOf(unit.instanceLocation), sentence });
  }
  // An anyOf's branches each report why they failed; the leaf reasons say more than "matches none".
  const leaves = problems.filter((p) => !p.sentence.includes('matches none'));
  return { ok: false, problems: leaves.length > 0 ? leaves : problems.slice(0, 1) };
}
