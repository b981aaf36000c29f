// RFC 6901 JSON pointers over plain objects: the editor addresses every field by the pointer the
// API's problems use, so an error lands next to the field it names.

/** The tokens of a pointer ('' is the whole document). */
export function tokens(pointer) {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A pointer from tokens. */
export function pointerOf(...parts) {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The value at a pointer, or undefined when any step is missing. */
export function valueAt(document, pointer) {
  let node = document;
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

/**
 * Sets the value at a pointer, creating missing objects on the way; undefined removes the entry.
 * Array elements are addressed by index.
 */
export function setAt(document, pointer, value) {
  const path = tokens(pointer);
  let node = document;
  for (const token of path.slice(0, -1)) {
    if (node[token] === undefined || node[token] === null) node[token] = {};
    node = node[token];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** The pointer without its last token ('' stays ''). */
export function parent(pointer) {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}
