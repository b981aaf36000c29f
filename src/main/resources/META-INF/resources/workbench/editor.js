// The scenario editor: every input carries the JSON pointer of the number it edits (data-pointer),
// the same pointer the API names in its problems, so an error is shown beside its field.

import { pointerOf, setAt, valueAt } from './pointer.js';

const PRODUCT_COLUMNS = [
  ['id', 'id'], ['baseVolume', 'volume / year'], ['listPrice', 'list price'], ['unitCost', 'unit cost'],
  ['volumeGrowth', 'volume growth'], ['priceEscalator', 'price escalator'], ['costInflation', 'cost inflation'],
];
/** The discount sits beside the list price it comes off, though it lives in the terms. */
const DISCOUNT_AFTER = 'listPrice';

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

/** Renders the editor for a scenario into root; onEdit(pointer) is called after each change. */
export function renderEditor(root, scenario, onEdit) {
  const field = (pointer, label, kind = 'number') => {
    const value = valueAt(scenario, pointer);
    const wrapper = el('label', { class: 'field' }, label ? el('span', {}, label) : '');
    const input = el('input', { type: 'text', 'data-pointer': pointer, 'data-kind': kind, value: value ?? '' });
    if (kind === 'number') input.inputMode = 'decimal';
    wrapper.append(input, el('small', { class: 'error', 'data-error-for': pointer }));
    return wrapper;
  };
  const rerender = () => renderEditor(root, scenario, onEdit);
  const button = (text, action, testId) => {
    const b = el('button', { type: 'button', 'data-action': testId }, text);
    b.addEventListener('click', () => { action(); rerender(); onEdit(''); });
    return b;
  };

  const terms = scenario.terms ?? (scenario.terms = {});
  const products = el('table', { class: 'grid', 'data-pointer': '/products' },
    el('thead', {}, el('tr', {}, ...PRODUCT_COLUMNS.flatMap(([key, l]) =>
      key === DISCOUNT_AFTER ? [el('th', {}, l), el('th', {}, 'discount')] : [el('th', {}, l)]), el('th'))));
  const body = el('tbody');
  scenario.products.forEach((p, i) => {
    const row = el('tr', { 'data-product': p.id });
    for (const [key] of PRODUCT_COLUMNS) {
      row.append(el('td', {}, field(pointerOf('products', i, key), '', key === 'id' ? 'text' : 'number')));
      if (key === DISCOUNT_AFTER) row.append(el('td', {}, field(pointerOf('terms', 'discounts', p.id), '')));
    }
    row.append(el('td', {}, button('×', () => removeProduct(scenario, i), 'remove-product')));
    body.append(row);
  });
  products.append(body);

  const tiers = terms.rebate?.tiers ?? [];
  const rebate = el('div', { class: 'block', 'data-pointer': '/terms/rebate' }, el('h3', {}, 'Volume rebate'));
  if (terms.rebate) {
    const basis = el('select', { 'data-pointer': '/terms/rebate/basis', 'data-kind': 'text' },
      ...['RETROACTIVE', 'INCREMENTAL'].map((b) => el('option', { value: b }, b.toLowerCase())));
    basis.value = terms.rebate.basis;
    rebate.append(el('label', { class: 'field' }, el('span', {}, 'basis'), basis,
      el('small', { class: 'error', 'data-error-for': '/terms/rebate/basis' })));
    const table = el('table', { class: 'grid', 'data-pointer': '/terms/rebate/tiers' },
      el('thead', {}, el('tr', {}, el('th', {}, 'annual net spend from'), el('th', {}, 'rate'), el('th'))));
    tiers.forEach((_, k) => table.append(el('tr', {},
      el('td', {}, field(pointerOf('terms', 'rebate', 'tiers', k, 'threshold'), '')),
      el('td', {}, field(pointerOf('terms', 'rebate', 'tiers', k, 'rate'), '')),
      el('td', {}, button('×', () => tiers.splice(k, 1), 'remove-tier')))));
    rebate.append(table, button('add tier', () => tiers.push({ threshold: (tiers.at(-1)?.threshold ?? 0) + 1000000, rate: 0 }), 'add-tier'),
      button('no rebate', () => delete terms.rebate, 'remove-rebate'));
  } else {
    rebate.append(button('add a rebate', () => { terms.rebate = { basis: 'RETROACTIVE', tiers: [{ threshold: 0, rate: 0 }] }; }, 'add-rebate'));
  }

  const services = terms.services ?? [];
  const serviceTable = el('table', { class: 'grid', 'data-pointer': '/terms/services' },
    el('thead', {}, el('tr', {}, el('th', {}, 'id'), el('th', {}, 'cost / year'), el('th', {}, 'value to customer / year'), el('th'))));
  services.forEach((_, k) => serviceTable.append(el('tr', {},
    el('td', {}, field(pointerOf('terms', 'services', k, 'id'), '', 'text')),
    el('td', {}, field(pointerOf('terms', 'services', k, 'costPerYear'), '')),
    el('td', {}, field(pointerOf('terms', 'services', k, 'valuePerYear'), '')),
    el('td', {}, button('×', () => services.splice(k, 1), 'remove-service')))));

  root.replaceChildren(
    el('section', { class: 'block' }, el('h3', {}, 'Deal'),
      field('/name', 'name', 'text'), field('/currency', 'currency', 'text'),
      field('/horizon/years', 'years'), field('/horizon/periodsPerYear', 'periods / year'),
      field('/supplier/costOfCapital', 'our cost of capital'), field('/customer/costOfCapital', 'customer’s cost of capital'),
      field('/costToServe/fixedPerYear', 'cost to serve / year'), field('/costToServe/inflation', 'its inflation')),
    el('section', { class: 'block' }, el('h3', {}, 'Products and discounts'), el('div', { class: 'scroll' }, products),
      button('add product', () => scenario.products.push(newProduct(scenario)), 'add-product')),
    el('section', { class: 'block' }, el('h3', {}, 'Terms'),
      field('/terms/paymentDays', 'payment days'), field('/terms/contractYears', 'contract years'),
      field('/terms/renewalProbability', 'renewal probability'), field('/terms/upfrontInvestment', 'upfront investment')),
    rebate,
    el('section', { class: 'block' }, el('h3', {}, 'Services in the deal'), serviceTable,
      button('add service', () => { terms.services = [...services, { id: `service-${services.length + 1}`, costPerYear: 0, valuePerYear: 0 }]; }, 'add-service')),
  );

  root.querySelectorAll('[data-pointer][data-kind]').forEach((input) => {
    const pointer = input.dataset.pointer;
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
      if (/^\/products\/\d+\/id$/.test(pointer)) return; // renamed on change, below: discounts follow the id
      setAt(scenario, pointer, readInput(input.value, input.dataset.kind));
      onEdit(pointer);
    });
    if (/^\/products\/\d+\/id$/.test(pointer)) {
      input.addEventListener('change', () => { renameProduct(scenario, pointer, input.value.trim()); rerender(); onEdit(pointer); });
    }
  });
}

function renameProduct(scenario, pointer, id) {
  const index = Number(pointer.split('/')[2]);
  const old = scenario.products[index].id;
  scenario.products[index].id = id;
  for (const discounts of [scenario.terms?.discounts, scenario.baseline?.discounts]) {
    if (discounts && old in discounts) { discounts[id] = discounts[old]; delete discounts[old]; }
  }
}

function removeProduct(scenario, index) {
  const [gone] = scenario.products.splice(index, 1);
  delete scenario.terms?.discounts?.[gone.id];
  delete scenario.baseline?.discounts?.[gone.id];
}

function newProduct(scenario) {
  let n = scenario.products.length + 1;
  while (scenario.products.some((p) => p.id === `product-${n}`)) n++;
  return { id: `product-${n}`, baseVolume: 1000, listPrice: 10, unitCost: 6 };
}

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
