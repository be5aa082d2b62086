// Limits: budgets and rate limits on a key, a user, a group or everyone, each cap with a bar of
// what is used, reserved and left in its current window.
import {api, confirmAction, dialog, field, h, input, menu, select, table, toast, when} from './ui.js';
import {render} from './app.js';

const CAPS = {requestsPerMinute: 'Requests / min', tokensPerMinute: 'Tokens / min', budget: 'Budget'};
const PERIODS = [['day', 'per day'], ['week', 'per week (from Monday)'], ['month', 'per month']];
const SCOPES = [['user', 'User'], ['group', 'Group'], ['key', 'API key'], ['all', 'Everyone']];

/** Reads the lists a limit's scope and Model are named from. */
export async function limitContext() {
  const [users, groups, keys, models] = await Promise.all(
    ['/users', '/groups', '/keys', '/models'].map(p => api('GET', p).then(r => r.data)));
  return {users, groups, keys, models};
}

/** Returns every limit's standing ({limit, caps}), the oldest limit first. */
export async function limitStatuses() {
  const limits = (await api('GET', '/limits')).data;
  return Promise.all(limits.map(l => api('GET', `/limits/${encodeURIComponent(l.id)}/status`)));
}

function keyLabel(key, context) {
  const owner = context.users.find(u => u.id === key.userId);
  return key.prefix + '…' + (key.name ? ' ' + key.name : '') + (owner ? ' (' + owner.name + ')' : '');
}

/** Names a limit's scope: the user, group or key it is on, or everyone. */
function scopeLabel(scope, context) {
  if (scope.all) return 'Everyone';
  if (scope.userId) return 'User: ' + ((context.users.find(u => u.id === scope.userId) || {}).name ?? scope.userId);
  if (scope.groupId) return 'Group: ' + ((context.groups.find(g => g.id === scope.groupId) || {}).name ?? scope.groupId);
  const key = context.keys.find(k => k.id === scope.keyId);
  return 'Key: ' + (key ? keyLabel(key, context) : scope.keyId);
}

function amount(cap, value) {
  const text = Number(value).toLocaleString(undefined, {maximumFractionDigits: 6});
  return cap === 'budget' ? '$' + text : text;
}

function time(iso) {
  const date = new Date(iso);
  return date.getTime() - Date.now() < 86400000
    ? date.toLocaleTimeString(undefined, {timeStyle: 'short'}) : when(iso);
}

/** One cap's bar: used, then reserved, then what is left, with the figures and the reset time. */
function capBar(cap) {
  const limit = Number(cap.limit);
  const share = value => limit > 0 ? Math.min(100, 100 * Number(value) / limit) + '%' : '0%';
  return h('div', {class: 'cap', 'data-cap': cap.cap},
    h('div', {class: 'cap-head'}, h('span', {class: 'cap-name'}, CAPS[cap.cap]),
      h('span', {class: 'muted'}, `${amount(cap.cap, cap.remaining)} left of ${amount(cap.cap, cap.limit)}`)),
    h('div', {class: 'bar', role: 'img', 'aria-label': `${CAPS[cap.cap]}: ${cap.used} used, `
      + `${cap.reserved} reserved, ${cap.remaining} left of ${cap.limit}`},
    h('span', {class: 'used', style: 'width:' + share(cap.used)}),
    h('span', {class: 'reserved', style: 'width:' + share(cap.reserved)})),
    h('div', {class: 'hint'}, `${amount(cap.cap, cap.used)} used · ${amount(cap.cap, cap.reserved)} reserved`
      + ` · resets ${time(cap.resetsAt)}`));
}

/** The bars of every cap of one limit. */
function capBars(status) {
  return h('div', {class: 'caps'}, status.caps.map(capBar));
}

function capsText(limit) {
  const caps = [];
  if (limit.requestsPerMinute !== null) caps.push(limit.requestsPerMinute.toLocaleString() + ' requests/min');
  if (limit.tokensPerMinute !== null) caps.push(limit.tokensPerMinute.toLocaleString() + ' tokens/min');
  if (limit.budget) caps.push(amount('budget', limit.budget.amount) + ' per ' + limit.budget.period);
  return caps.join(', ');
}

/**
 * A table of limits with their bars; with a context, also each one's scope and its edit and delete
 * actions.
 */
export function limitsTable(statuses, context, attrs = {}) {
  if (statuses.length === 0) return h('p', {class: 'muted'}, 'No limits.');
  return table(['Applies to', 'Model', 'Caps', 'Standing', ''], statuses.map(({limit, caps}) => [
    scopeLabel(limit.scope, context), limit.model ?? 'every model', capsText(limit), capBars({caps}),
    menu('Limit actions', [
      ['Edit', () => editLimit(limit, context)],
      ['Delete', () => confirmAction('Delete limit', `Delete the limit on ${scopeLabel(limit.scope, context)}? `
        + 'Its counters go with it.', 'Delete limit', async () => {
        await api('DELETE', '/limits/' + encodeURIComponent(limit.id));
        toast('Limit deleted');
        render();
      }), true],
    ])]), attrs);
}

/** The limits whose scope is one user, group or key, as bars only. */
export function scopeLimits(statuses, field, id) {
  const mine = statuses.filter(s => s.limit.scope[field] === id);
  if (mine.length === 0) return '—';
  return h('div', {class: 'scope-limits'}, mine.map(s => h('div', {class: 'scope-limit', 'data-limit': s.limit.id},
    h('div', {class: 'muted'}, s.limit.model ?? 'every model'), capBars(s))));
}

/** The Limits page at /admin/limits. */
export async function limitsPage() {
  const [context, statuses] = await Promise.all([limitContext(), limitStatuses()]);
  return h('section', {},
    h('h1', {}, 'Limits'),
    h('p', {class: 'muted'}, 'Rate limits and budgets on an API key, a user, a group or everyone, for one Model or '
      + 'every Model. A request goes through only if every limit that applies has room; minutes and budget '
      + 'periods are UTC.'),
    h('div', {class: 'toolbar'}, h('span', {class: 'spacer'}),
      h('button', {type: 'button', class: 'primary', id: 'add-limit', onclick: () => editLimit(null, context)},
        'Add limit')),
    limitsTable(statuses, context, {id: 'limits'}));
}

function targets(kind, context) {
  switch (kind) {
    case 'user': return context.users.map(u => [u.id, u.name]);
    case 'group': return context.groups.map(g => [g.id, g.name]);
    case 'key': return context.keys.filter(k => k.status !== 'revoked').map(k => [k.id, keyLabel(k, context)]);
    default: return [];
  }
}

function scopeKind(scope) {
  return scope.all ? 'all' : scope.userId ? 'user' : scope.groupId ? 'group' : 'key';
}

function scopeBody(kind, target) {
  return kind === 'all' ? {all: true} : {[kind + 'Id']: target};
}

function text(form, name) {
  return form.elements[name].value.trim();
}

function whole(form, name) {
  const value = text(form, name);
  return value === '' ? null : Number(value);
}

/** Opens the form that adds a limit, or changes one. */
export function editLimit(limit, context) {
  const kind = select('scopeKind', SCOPES, {id: 'limit-scope-kind'});
  const target = select('target', [], {id: 'limit-target'});
  const targetField = field('Applies to', target);
  function showTargets() {
    target.replaceChildren(...targets(kind.value, context).map(([value, label]) => h('option', {value}, label)));
    targetField.hidden = kind.value === 'all';
    target.required = kind.value !== 'all';
  }
  kind.addEventListener('change', showTargets);
  const model = select('model', [['', 'Every model'], ...context.models.map(m => [m.slug, m.slug])], {id: 'limit-model'});
  const requests = input('requestsPerMinute', {type: 'number', min: 1, step: 1, id: 'limit-rpm'});
  const tokens = input('tokensPerMinute', {type: 'number', min: 1, step: 1, id: 'limit-tpm'});
  const budget = input('budgetAmount', {type: 'number', min: 0, step: 'any', id: 'limit-budget'});
  const period = select('budgetPeriod', PERIODS, {id: 'limit-period'});
  if (limit) {
    kind.value = scopeKind(limit.scope);
    showTargets();
    target.value = limit.scope.userId ?? limit.scope.groupId ?? limit.scope.keyId ?? '';
    model.value = limit.model ?? '';
    requests.value = limit.requestsPerMinute ?? '';
    tokens.value = limit.tokensPerMinute ?? '';
    budget.value = limit.budget ? limit.budget.amount : '';
    period.value = limit.budget ? limit.budget.period : 'day';
  } else {
    showTargets();
  }
  return dialog({title: limit ? 'Edit limit' : 'Add limit', submitLabel: limit ? 'Save' : 'Add limit',
    body: [field('Scope', kind), targetField, field('Model', model),
      h('h4', {}, 'Caps'), h('p', {class: 'hint'}, 'Set at least one; leave the others empty.'),
      h('div', {class: 'row'}, field('Requests per minute', requests), field('Tokens per minute', tokens)),
      h('div', {class: 'row'}, field('Budget (USD)', budget), field('Budget period', period))],
    submit: async form => {
      const amount = text(form, 'budgetAmount');
      const body = {scope: scopeBody(kind.value, target.value), model: model.value || null,
        requestsPerMinute: whole(form, 'requestsPerMinute'), tokensPerMinute: whole(form, 'tokensPerMinute'),
        budget: amount === '' ? null : {amount, period: period.value}};
      if (limit) await api('PATCH', '/limits/' + encodeURIComponent(limit.id), body);
      else await api('POST', '/limits', body);
      toast(limit ? 'Limit saved' : 'Limit added');
    }}).then(render);
}
