// Access: users, groups and membership, grants per Model, and API keys per user, each user, group
// and key with the standing of the limits on it.
import {api, attempt, badge, confirmAction, dialog, field, h, input, menu, select, table, toast,
  when} from './ui.js';
import {render} from './app.js';
import {limitStatuses, scopeLimits} from './limits.js';

/** The Access page at /admin/access. */
export async function accessPage() {
  const [users, groups, grants, keys, models, statuses] = await Promise.all([
    ...['/users', '/groups', '/grants', '/keys', '/models'].map(p => api('GET', p).then(r => r.data)),
    limitStatuses()]);
  const userName = id => (users.find(u => u.id === id) || {name: id}).name;
  return h('section', {},
    h('h1', {}, 'Access'),
    h('p', {class: 'muted'}, 'Who may use which Model, and the API keys they call CodeVector with.'),
    h('div', {class: 'grid2'},
      h('div', {},
        h('div', {class: 'toolbar'}, h('h2', {}, 'Users'), h('span', {class: 'spacer'}),
          h('button', {type: 'button', class: 'primary', id: 'add-user', onclick: addUser}, 'Add user')),
        table(['Name', 'Email', 'Created', 'Limits', ''], users.map(u => [u.name, u.email ?? '—', when(u.createdAt),
          scopeLimits(statuses, 'userId', u.id),
          menu('User actions', [
            ['Create API key', () => createKey(u)],
            ['Delete', () => confirmAction('Delete user', `Delete ${u.name}? Their keys stop working.`,
              'Delete user', async () => { await api('DELETE', '/users/' + encodeURIComponent(u.id)); render(); }), true],
          ])]), {id: 'users'})),
      h('div', {},
        h('div', {class: 'toolbar'}, h('h2', {}, 'Groups'), h('span', {class: 'spacer'}),
          h('button', {type: 'button', class: 'primary', id: 'add-group', onclick: addGroup}, 'Add group')),
        table(['Name', 'Members', 'Limits', ''], groups.map(g => [g.name,
          g.members.length ? g.members.map(userName).join(', ') : '—', scopeLimits(statuses, 'groupId', g.id),
          menu('Group actions', [
            ['Add member', () => addMember(g, users)],
            ...g.members.map(m => [`Remove ${userName(m)}`, () => attempt(
              () => api('DELETE', `/groups/${encodeURIComponent(g.id)}/members/${encodeURIComponent(m)}`),
              'Member removed').then(render)]),
            ['Delete', () => confirmAction('Delete group', `Delete ${g.name}?`, 'Delete group',
              async () => { await api('DELETE', '/groups/' + encodeURIComponent(g.id)); render(); }), true],
          ])]), {id: 'groups'}))),
    h('div', {class: 'toolbar'}, h('h2', {}, 'Grants'), h('span', {class: 'spacer'}),
      h('button', {type: 'button', class: 'primary', id: 'add-grant',
        onclick: () => addGrant(models, users, groups)}, 'Grant access')),
    table(['Model', 'Granted to', 'Created', ''], grants.map(g => [
      h('a', {href: '/admin/models/' + encodeURIComponent(g.model ?? ''), class: 'mono'}, g.model ?? '—'),
      [g.userId ? badge('user') : badge('group'), ' ', g.principalName ?? '—'], when(g.createdAt),
      h('button', {type: 'button', onclick: () => attempt(() => api('DELETE', '/grants/' + encodeURIComponent(g.id)),
        'Grant revoked').then(render)}, 'Revoke')]), {id: 'grants'}),
    h('div', {class: 'toolbar'}, h('h2', {}, 'API keys'), h('span', {class: 'spacer'}),
      h('button', {type: 'button', class: 'primary', id: 'create-key',
        onclick: () => chooseUserForKey(users)}, 'Create API key')),
    table(['Prefix', 'Name', 'User', 'Status', 'Created', 'Last used', 'Limits', ''], keys.map(k => [
      h('span', {class: 'mono'}, k.prefix + '…'), k.name ?? '—', userName(k.userId), badge(k.status),
      when(k.createdAt), when(k.lastUsedAt), scopeLimits(statuses, 'keyId', k.id),
      k.status === 'revoked' ? '' : h('button', {type: 'button', class: 'revoke-key', onclick: () =>
        confirmAction('Revoke API key', `Revoke ${k.prefix}…? Requests with it fail from now on.`, 'Revoke',
          async () => { await api('DELETE', '/keys/' + encodeURIComponent(k.id)); toast('Key revoked'); render(); })},
      'Revoke')]), {id: 'keys'}));
}

function addUser() {
  return dialog({title: 'Add user', submitLabel: 'Add user',
    body: [field('Name', input('name', {required: true})), field('Email (optional)', input('email', {type: 'email'}))],
    submit: async form => {
      const email = form.elements.email.value.trim();
      await api('POST', '/users', {name: form.elements.name.value.trim(), ...(email ? {email} : {})});
      toast('User added');
    }}).then(render);
}

function addGroup() {
  return dialog({title: 'Add group', submitLabel: 'Add group', body: [field('Name', input('name', {required: true}))],
    submit: async form => { await api('POST', '/groups', {name: form.elements.name.value.trim()}); toast('Group added'); }})
    .then(render);
}

function addMember(group, users) {
  return dialog({title: 'Add member to ' + group.name, submitLabel: 'Add member',
    body: [field('User', select('user', users.filter(u => !group.members.includes(u.id)).map(u => [u.id, u.name]), {required: true}))],
    submit: async form => {
      await api('POST', `/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(form.elements.user.value)}`);
      toast('Member added');
    }}).then(render);
}

function addGrant(models, users, groups) {
  const principals = [...users.map(u => ['user:' + u.id, 'User: ' + u.name]),
    ...groups.map(g => ['group:' + g.id, 'Group: ' + g.name])];
  return dialog({title: 'Grant access', submitLabel: 'Grant',
    body: [field('Model', select('model', models.map(m => [m.slug, m.slug + ' (' + m.status + ')']), {required: true, id: 'grant-model'})),
      field('User or group', select('principal', principals, {required: true, id: 'grant-principal'}))],
    submit: async form => {
      const [type, id] = form.elements.principal.value.split(/:(.*)/s);
      await api('POST', '/grants', {model: form.elements.model.value, [type === 'user' ? 'userId' : 'groupId']: id});
      toast('Access granted');
    }}).then(render);
}

function chooseUserForKey(users) {
  let user = null;
  return dialog({title: 'Create API key', submitLabel: 'Next',
    body: [field('User', select('user', users.map(u => [u.id, u.name]), {required: true, id: 'key-user'}))],
    submit: async form => { user = users.find(u => u.id === form.elements.user.value); }})
    .then(() => user && createKey(user));
}

async function createKey(user) {
  let issued = null;
  await dialog({title: 'Create API key for ' + user.name, submitLabel: 'Create key',
    body: [field('Key name (optional)', input('name', {id: 'key-name'}))],
    submit: async form => {
      const name = form.elements.name.value.trim();
      issued = await api('POST', `/users/${encodeURIComponent(user.id)}/keys`, name ? {name} : {});
    }});
  if (!issued) return;
  const code = h('code', {id: 'new-key'}, issued.key);
  const copy = h('button', {type: 'button', id: 'copy-key', onclick: async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      copy.textContent = 'Copied';
    } catch (e) {
      getSelection().selectAllChildren(code);
      copy.textContent = 'Selected: press Ctrl+C';
    }
  }}, 'Copy');
  await dialog({title: 'API key created', submitLabel: 'Done',
    body: [h('p', {class: 'notice'}, 'Copy this key now. It is shown only once; CodeVector keeps only its hash.'),
      h('div', {class: 'keybox'}, code, copy)],
    submit: async () => {}});
  render();
}
