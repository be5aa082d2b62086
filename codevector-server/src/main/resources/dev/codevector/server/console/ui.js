// DOM and API helpers shared by every console page. Every string from the server is put in the
// page as text (textContent, attributes), never parsed as HTML.

let csrfToken = null;

/** Creates an element: h('a', {href: '/x', class: 'mono'}, 'text', child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An error answered by the admin API. */
export class ApiError extends Error {
  constructor(status, type, message, field) {
    super(message);
    this.status = status;
    this.type = type;
    this.field = field;
  }
}

async function session() {
  if (csrfToken) return csrfToken;
  const response = await fetch('/admin/session', {credentials: 'same-origin'});
  if (response.status === 401) {
    location.assign('/admin/login');
    throw new ApiError(401, 'authentication_error', 'not logged in');
  }
  csrfToken = (await response.json()).csrfToken;
  return csrfToken;
}

/** Calls the admin API with the session cookie, and the CSRF token on every change. */
export async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (method !== 'GET') headers['X-CSRF-Token'] = await session();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('/admin/api' + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign('/admin/login');
    throw new ApiError(401, 'authentication_error', 'not logged in');
  }
  if (response.status === 204) return null;
  const json = await response.json();
  if (!response.ok) {
    const error = json.error || {};
    throw new ApiError(response.status, error.type, error.message || 'request failed', error.field);
  }
  return json;
}

/** Ends the session and goes to the login page. */
export async function logout() {
  await fetch('/admin/logout', {
    method: 'POST', credentials: 'same-origin', headers: {'X-CSRF-Token': await session()},
  });
  location.assign('/admin/login');
}

/** Shows a short message in the corner. */
export function toast(message, error = false) {
  const box = h('div', {class: error ? 'error' : ''}, message);
  document.getElementById('toast').append(box);
  setTimeout(() => box.remove(), error ? 8000 : 4000);
}

export function badge(text, kind = text) {
  return h('span', {class: 'badge ' + kind}, text);
}

export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
}

export function card(label, value, explain) {
  return h('div', {class: 'card'}, h('div', {class: 'label'}, label),
    h('div', {class: 'value'}, value), explain ? h('div', {class: 'explain'}, explain) : null);
}

/** A table: columns are header labels; rows are arrays of cells (nodes or text). */
export function table(columns, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(cell => h('td', {}, cell))))));
}

/** A row actions menu: items are [label, action, danger?]. */
export function menu(label, items) {
  const details = h('details', {class: 'menu', 'aria-label': label});
  const list = h('div', {});
  for (const [text, action, danger] of items) {
    list.append(h('button', {type: 'button', class: danger ? 'danger-text' : '',
      onclick: () => { details.open = false; action(); }}, text));
  }
  details.append(h('summary', {title: label}, '⋯'), list);
  return details;
}

document.addEventListener('click', event => {
  for (const open of document.querySelectorAll('details.menu[open]')) {
    if (!open.contains(event.target)) open.open = false;
  }
});

/** A labelled form field around an input. */
export function field(label, input, hint) {
  const id = input.id || ('f-' + Math.random().toString(36).slice(2));
  input.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, label), input,
    hint ? h('div', {class: 'hint'}, hint) : null);
}

export function input(name, attrs = {}) {
  return h('input', {name, ...attrs});
}

export function select(name, options, attrs = {}) {
  return h('select', {name, ...attrs},
    options.map(([value, text]) => h('option', {value}, text)));
}

/**
 * Opens a modal (or, with slideover, a side panel) holding a form. submit(form) returns a promise;
 * an ApiError it throws is shown in the dialog, which stays open. Resolves when it closes.
 */
export function dialog({title, body, submitLabel = 'Save', submit, slideover = false, danger = false}) {
  const error = h('div', {class: 'error-box', hidden: true, role: 'alert'});
  const form = h('form', {method: 'dialog'}, h('h3', {}, title), body, error,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'ghost', onclick: () => box.close()}, 'Cancel'),
      h('button', {type: 'submit', class: danger ? 'danger' : 'primary'}, submitLabel)));
  const box = h('dialog', {class: slideover ? 'slideover' : ''}, form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    try {
      await submit(form);
      box.close();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
  document.body.append(box);
  return new Promise(resolve => {
    box.addEventListener('close', () => { box.remove(); resolve(); });
    box.showModal();
  });
}

/** Asks before a destructive action; action() runs on confirmation. */
export function confirmAction(title, message, confirmLabel, action) {
  return dialog({title, body: h('p', {class: 'confirm-text'}, message), submitLabel: confirmLabel,
    danger: true, submit: action});
}

/** Reads a number field: empty is undefined. */
export function number(form, name) {
  const text = form.elements[name].value.trim();
  return text === '' ? undefined : Number(text);
}

/** Runs a page action, showing its error as a message. */
export async function attempt(action, done) {
  try {
    const result = await action();
    if (done) toast(typeof done === 'function' ? done(result) : done);
    return result;
  } catch (e) {
    toast(e.message, true);
    return undefined;
  }
}
