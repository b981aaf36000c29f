// The scenario editor, generated from the contract's Scenario schema (schema.js): a field for each
// number or text, a list for each enum, a table for each list of objects, a block with add and
// remove for each optional object. Every input carries the JSON pointer of the value it edits
// (data-pointer), the same pointer the API names in its problems, so an error is shown beside its
// field. A new field in the contract appears here without a change to this file.

import { kindOf, hintOf, labelOf, skeleton } from './schema.js';
import { pointerOf, setAt, valueAt } from './pointer.js';

/**
 * The maps keyed by product id (the discounts of the terms and of the baseline) are shown as
 * columns of the products table, beside the products they price, rather than as blocks of their own.
 */
const PRODUCT_KEYED_MAPS_IN = ['terms', 'baseline'];
/** The product field the discount columns follow. */
const DISCOUNTS_AFTER = 'listPrice';

/**
 * Reads an input's text as the API should see it: a number when it is one, absent when empty,
 * otherwise the text itself, so the API's problem names the field and the value.
 */
export function readInput(text, kind) {
  const trimmed = text.trim();
  if (kind === 'text') return trimmed;
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

/**
 * Renders the editor for a scenario into root, following the Scenario schema (resolved through
 * resolve); onEdit(pointer) is called after each change.
 */
export function renderEditor(root, scenario, onEdit, scenarioSchema, resolve) {
  const rerender = () => renderEditor(root, scenario, onEdit, scenarioSchema, resolve);
  const button = (text, action, testId) => {
    const b = el('button', { type: 'button', 'data-action': testId }, text);
    b.addEventListener('click', () => { action(); rerender(); onEdit(''); });
    return b;
  };

  /** One input (or list of choices) for a scalar at pointer. */
  const field = (pointer, label, schema) => {
    const kind = kindOf(schema);
    const value = valueAt(scenario, pointer);
    let input;
    if (kind === 'choice') {
      // an enum of numbers (periods per year: 1, 4, 12) is sent as numbers
      input = el('select', { 'data-pointer': pointer, 'data-kind': typeof schema.enum[0] === 'number' ? 'number' : 'text' },
        ...schema.enum.map((v) => el('option', { value: v }, labelOf(v))));
      input.value = value ?? schema.enum[0];
    } else {
      input = el('input', { type: 'text', 'data-pointer': pointer, 'data-kind': kind, value: value ?? '' });
      if (kind === 'number') input.inputMode = 'decimal';
    }
    input.title = hintOf(schema);
    return el('label', { class: 'field' }, label ? el('span', {}, label) : '', input,
      el('small', { class: 'error', 'data-error-for': pointer }));
  };

  /** The product-keyed maps present in the scenario, each a column of the products table. */
  const productColumns = PRODUCT_KEYED_MAPS_IN
    .filter((parent) => valueAt(scenario, `/${parent}`) !== undefined)
    .flatMap((parent) => Object.entries(resolve(scenarioSchema.properties[parent]).properties ?? {})
      .filter(([, s]) => kindOf(resolve(s)) === 'map')
      .map(([name, s]) => ({ parent, name, schema: resolve(resolve(s).additionalProperties),
        label: parent === 'terms' ? labelOf(name) : `${parent} ${labelOf(name)}` })));

  /**
   * A table for a list of objects: a column per scalar field of its elements, a row per element.
   * In the products table the discounts stand beside the list price they come off.
   */
  const table = (pointer, schema) => {
    const item = resolve(schema.items);
    const columns = Object.entries(item.properties)
      .filter(([, s]) => !['object', 'list', 'map'].includes(kindOf(resolve(s))))
      .map(([name, s]) => ({ label: labelOf(name), cell: (row, i) => field(pointerOf(...tokensOf(pointer), i, name), '', resolve(s)), name }));
    const products = pointer === '/products';
    if (products) {
      const at = columns.findIndex((c) => c.name === DISCOUNTS_AFTER) + 1 || columns.length;
      columns.splice(at, 0, ...productColumns.map((c) => ({ label: c.label, cell: (row) => field(pointerOf(c.parent, c.name, row.id), '', c.schema) })));
    }
    const rows = valueAt(scenario, pointer) ?? [];
    const body = rows.map((row, i) => el('tr', products ? { 'data-product': row.id } : {},
      ...columns.map((c) => el('td', {}, c.cell(row, i))),
      el('td', {}, button('×', () => (products ? removeProduct(scenario, i) : rows.splice(i, 1)), 'remove-row'))));
    const add = button(`add ${labelOf(lastToken(pointer)).replace(/s$/, '')}`,
      () => setAt(scenario, pointer, [...rows, newElement(rows, item, resolve, lastToken(pointer))]), 'add-row');
    return el('div', { class: 'scroll' }, el('table', { class: 'grid', 'data-pointer': pointer },
      el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', {}, c.label)), el('th'))), el('tbody', {}, ...body)), add);
  };

  /**
   * A block for an object: its scalars as fields, small objects of scalars inline (horizon, supplier),
   * lists as tables and larger objects as blocks of their own, each optional one with add or remove.
   */
  const block = (pointer, schema, title) => {
    const inline = [];
    const nested = [];
    for (const [name, raw] of Object.entries(schema.properties)) {
      const s = resolve(raw);
      const at = `${pointer}/${name}`;
      const kind = kindOf(s);
      const required = (schema.required ?? []).includes(name);
      const present = valueAt(scenario, at) !== undefined;
      if (kind === 'map') continue; // beside the products
      if (kind === 'list') {
        nested.push(el('section', { class: 'block', 'data-pointer': at }, el('h3', {}, labelOf(name)), table(at, s)));
      } else if (kind === 'object' && !present) {
        (isFlat(s, resolve) ? inline : nested).push(button(`add ${labelOf(name)}`, () => setAt(scenario, at, skeleton(s, resolve)), `add-${name}`));
      } else if (kind === 'object' && isFlat(s, resolve)) {
        inline.push(...Object.entries(s.properties).map(([n, p]) => field(`${at}/${n}`, `${labelOf(name)}: ${labelOf(n)}`, resolve(p))));
        if (!required) inline.push(button(`no ${labelOf(name)}`, () => setAt(scenario, at, undefined), `remove-${name}`));
      } else if (kind === 'object') {
        const inner = block(at, s, labelOf(name));
        if (!required) inner.append(button(`no ${labelOf(name)}`, () => setAt(scenario, at, undefined), `remove-${name}`));
        nested.push(inner);
      } else {
        inline.push(field(at, labelOf(name), s));
      }
    }
    return el('section', { class: 'block', 'data-pointer': pointer }, title ? el('h3', {}, title) : '', ...inline, ...nested);
  };

  root.replaceChildren(block('', scenarioSchema, 'Deal'));

  root.querySelectorAll('[data-pointer][data-kind]').forEach((input) => {
    const pointer = input.dataset.pointer;
    const isProductId = /^\/products\/\d+\/id$/.test(pointer);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
      if (isProductId) return; // renamed on change, below: the discounts follow the id
      setAt(scenario, pointer, readInput(input.value, input.dataset.kind));
      onEdit(pointer);
    });
    if (isProductId) {
      input.addEventListener('change', () => { renameProduct(scenario, pointer, input.value.trim()); rerender(); onEdit(pointer); });
    }
  });
}

/** An object of scalars only (horizon, supplier): shown as fields in its parent's block. */
function isFlat(schema, resolve) {
  return Object.values(schema.properties).every((p) => !['object', 'list', 'map'].includes(kindOf(resolve(p))));
}

/** A new row starts as a copy of the last (its id made unique), or from the schema's required fields. */
function newElement(rows, item, resolve, listName) {
  const element = rows.length > 0 ? structuredClone(rows.at(-1)) : skeleton(item, resolve);
  if ('id' in (item.properties ?? {})) {
    const stem = labelOf(listName).replace(/s$/, '').replace(/ /g, '-');
    let n = rows.length + 1;
    while (rows.some((r) => r.id === `${stem}-${n}`)) n++;
    element.id = `${stem}-${n}`;
  }
  return element;
}

function renameProduct(scenario, pointer, id) {
  const index = Number(pointer.split('/')[2]);
  const old = scenario.products[index].id;
  scenario.products[index].id = id;
  for (const parent of PRODUCT_KEYED_MAPS_IN) {
    for (const map of Object.values(scenario[parent] ?? {})) {
      if (map && typeof map === 'object' && !Array.isArray(map) && old in map) { map[id] = map[old]; delete map[old]; }
    }
  }
}

function removeProduct(scenario, index) {
  const [gone] = scenario.products.splice(index, 1);
  for (const parent of PRODUCT_KEYED_MAPS_IN) {
    for (const map of Object.values(scenario[parent] ?? {})) {
      if (map && typeof map === 'object' && !Array.isArray(map)) delete map[gone.id];
    }
  }
}

const tokensOf = (pointer) => pointer.slice(1).split('/');
const lastToken = (pointer) => pointer.slice(pointer.lastIndexOf('/') + 1);

/** A DOM element with attributes and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'value') node.value = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}
