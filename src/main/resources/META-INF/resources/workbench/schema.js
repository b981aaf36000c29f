// The contract's JSON schemas as the editor reads them: references followed, each schema sorted
// into the kind of input it needs. No DOM here.

/** Where the service answers its contract (openapi.yaml) as JSON. */
export const CONTRACT_JSON = '/openapi.json';

/** A resolver of the contract's schemas: follows $ref and merges allOf into one schema. */
export function schemaResolver(contract) {
  const schemas = contract.components.schemas;
  const resolve = (schema) => {
    if (!schema) return {};
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()]);
    if (schema.allOf) {
      const { allOf, ...own } = schema; // own: the description and nullability said where it is used
      return Object.assign({}, ...allOf.map(resolve), own);
    }
    return schema;
  };
  return resolve;
}

/**
 * The kind of input a (resolved) schema needs: a `map` (an object of numbers keyed by product id,
 * like the discounts), an `object` with named fields, a `list` of objects, a `choice` among an
 * enum's values, `text` or a `number`.
 */
export function kindOf(schema) {
  if (schema.enum) return 'choice';
  if (schema.type === 'array') return 'list';
  if (schema.type === 'object' || schema.properties) return schema.properties ? 'object' : 'map';
  if (schema.type === 'string') return 'text';
  return 'number';
}

/** A field's label from its name: costOfCapital → cost of capital. */
export function labelOf(name) {
  return String(name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The first sentence of a schema's description, for a tooltip. */
export function hintOf(schema) {
  const text = (schema.description ?? '').replace(/\s+/g, ' ').trim();
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** An object with its required fields at their simplest values: the start of an added element. */
export function skeleton(schema, resolve) {
  const kind = kindOf(schema);
  if (kind === 'object') {
    return Object.fromEntries((schema.required ?? []).map((name) => [name, skeleton(resolve(schema.properties[name]), resolve)]));
  }
  if (kind === 'list') return [];
  if (kind === 'map') return {};
  if (kind === 'choice') return schema.enum[0];
  if (kind === 'text') return '';
  return schema.minimum ?? 0;
}
