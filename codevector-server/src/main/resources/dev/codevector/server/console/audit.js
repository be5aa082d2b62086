// Audit: every change made through the console or the admin API, newest first, with who made it,
// from which address, and the fields that changed. Entries are only read here: none is changed.
import {api, h, select, table} from './ui.js';

const RESOURCES = ['provider', 'provider-model', 'model', 'backend', 'user', 'group', 'grant',
  'api-key', 'limit', 'console-session'];

/** Shows a field's value: text as it is, anything else as JSON. */
function shown(value) {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The fields an entry shows: for a change, those whose value differs before and after; for a
 * creation or a deletion, every field of what was created or deleted.
 */
function changes(entry) {
  const before = entry.before || {};
  const after = entry.after || {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(name => !(entry.before && entry.after)
      || JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  if (names.length === 0) return h('span', {class: 'muted'}, '—');
  const rows = names.map(name => [h('span', {class: 'mono'}, name),
    entry.before ? shown(before[name]) : '—', entry.after ? shown(after[name]) : '—']);
  return h('details', {class: 'audit-changes'},
    h('summary', {}, names.length === 1 ? '1 field' : names.length + ' fields'),
    table(['Field', 'Before', 'After'], rows));
}

function row(entry) {
  const at = new Date(entry.at).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
  return [at, h('span', {class: 'mono audit-actor'}, entry.actor),
    h('span', {class: 'mono'}, entry.clientAddress),
    [entry.resource, entry.resourceId ? [' ', h('span', {class: 'mono muted'}, entry.resourceId)] : ''],
    h('span', {class: 'audit-action'}, entry.action), changes(entry)];
}

/** The Audit page at /admin/audit. */
export async function auditPage() {
  const from = h('input', {type: 'date', name: 'from', id: 'audit-from'});
  const to = h('input', {type: 'date', name: 'to', id: 'audit-to'});
  const actor = h('input', {name: 'actor', id: 'audit-actor', placeholder: 'Actor'});
  const resource = select('resource', [['', 'every resource'], ...RESOURCES.map(r => [r, r])],
    {id: 'audit-resource'});
  const resourceId = h('input', {name: 'resourceId', id: 'audit-resource-id', placeholder: 'Resource id'});
  const body = h('div', {id: 'audit-entries'});
  const more = h('button', {type: 'button', id: 'audit-more', hidden: true}, 'Older entries');
  let entries = [];
  let next = null;

  function query() {
    const params = new URLSearchParams({limit: '100'});
    for (const [name, control] of [['from', from], ['to', to], ['actor', actor],
      ['resource', resource], ['resourceId', resourceId]]) {
      if (control.value.trim() !== '') params.set(name, control.value.trim());
    }
    if (next) params.set('before', next);
    return '/audit?' + params;
  }

  async function load(older) {
    if (!older) { entries = []; next = null; }
    const page = await api('GET', query());
    entries = entries.concat(page.data);
    next = page.next;
    more.hidden = !next;
    body.replaceChildren(entries.length === 0
      ? h('div', {class: 'empty'}, h('p', {}, 'No changes match.'))
      : table(['When', 'Actor', 'Address', 'Resource', 'Action', 'Changes'], entries.map(row),
        {id: 'audit-table'}));
  }

  for (const control of [from, to, resource]) control.addEventListener('change', () => load(false));
  for (const control of [actor, resourceId]) control.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  await load(false);
  return h('section', {},
    h('h1', {}, 'Audit'),
    h('p', {class: 'muted'}, 'Every change made through the console or the admin API, newest first:'
      + ' who made it (the admin token, or a console session by its fingerprint), from which address,'
      + ' and the fields before and after. Secrets show only as their prefix.'),
    h('div', {class: 'toolbar'}, h('label', {for: 'audit-from'}, 'From'), from,
      h('label', {for: 'audit-to'}, 'To'), to, resource, resourceId, actor),
    body, more);
}
