// The scenario editor's walk of the contract's schemas: references followed, allOf merged, and each
// schema sorted into the input it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES } from './pages.mjs';

const schema = await import(new URL('workbench/schema.js', PAGES));
const pointer = await import(new URL('workbench/pointer.js', PAGES));

const contract = { components: { schemas: {
  Money: { type: 'number', minimum: 0, description: 'An amount. In the deal currency.' },
  Terms: { type: 'object', required: ['paymentDays', 'basis'], properties: {
    paymentDays: { type: 'number', minimum: 0 },
    basis: { type: 'string', enum: ['RETROACTIVE', 'INCREMENTAL'] },
    discounts: { type: 'object', additionalProperties: { type: 'number' } },
    services: { type: 'array', items: { type: 'object' } },
    upfront: { allOf: [{ $ref: '#/components/schemas/Money' }], description: 'Paid once. At signing.' },
  } },
} } };

test('a reference is followed, and allOf merged with the description said where it is used', () => {
  const resolve = schema.schemaResolver(contract);
  const terms = resolve({ $ref: '#/components/schemas/Terms' });
  assert.equal(terms, contract.components.schemas.Terms);
  const upfront = resolve(terms.properties.upfront);
  assert.equal(upfront.type, 'number');
  assert.equal(upfront.minimum, 0);
  assert.equal(upfront.description, 'Paid once. At signing.');
  assert.deepEqual(resolve(undefined), {});
});

test('each schema gets the input it needs', () => {
  const p = contract.components.schemas.Terms.properties;
  assert.equal(schema.kindOf(contract.components.schemas.Terms), 'object');
  assert.equal(schema.kindOf(p.paymentDays), 'number');
  assert.equal(schema.kindOf(p.basis), 'choice');
  assert.equal(schema.kindOf(p.discounts), 'map');
  assert.equal(schema.kindOf(p.services), 'list');
  assert.equal(schema.kindOf({ type: 'string' }), 'text');
});

test('labels and hints read as a person would', () => {
  assert.equal(schema.labelOf('costOfCapital'), 'cost of capital');
  assert.equal(schema.labelOf('RETROACTIVE'), 'retroactive');
  assert.equal(schema.hintOf(contract.components.schemas.Money), 'An amount.');
});

test('an added element starts with its required fields at their simplest values', () => {
  const resolve = schema.schemaResolver(contract);
  assert.deepEqual(schema.skeleton(contract.components.schemas.Terms, resolve), { paymentDays: 0, basis: 'RETROACTIVE' });
});

test('a pointer addresses the field the API names in its problems, ~ and / escaped', () => {
  const doc = { terms: { discounts: { 'a/b': 0.1 } }, products: [{ id: 'x' }] };
  assert.equal(pointer.pointerOf('terms', 'discounts', 'a/b'), '/terms/discounts/a~1b');
  assert.equal(pointer.valueAt(doc, '/terms/discounts/a~1b'), 0.1);
  assert.equal(pointer.valueAt(doc, '/products/0/id'), 'x');
  assert.equal(pointer.valueAt(doc, '/products/3/id'), undefined);
  assert.equal(pointer.parent('/products/0/id'), '/products/0');
});
