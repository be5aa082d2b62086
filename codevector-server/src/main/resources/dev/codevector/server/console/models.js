// The Models list and the Model detail with its lifecycle and Backends.
import {api, attempt, badge, card, confirmAction, dialog, field, h, input, menu, number,
  select, toast, when} from './ui.js';
import {go, render} from './app.js';

const SLUG = /^[a-z0-9-]+$/;
const ROUTING = {
  failover: ['Failover', 'Requests go to the lowest-priority healthy backend. On a retryable '
    + 'upstream failure the next-priority backend is tried.'],
  balanced: ['Balanced', 'Backends of the same priority share requests by weight; each agent '
    + 'session stays on the backend that served it while it is healthy, so its prompt cache keeps '
    + 'hitting. Use it across backends of the same model and price.'],
};

function routingSelect(value) {
  const routing = select('routing', Object.entries(ROUTING).map(([id, [name]]) => [id, name]),
    {id: 'model-routing'});
  routing.value = value ?? 'failover';
  return field('Routing', routing, 'Failover uses one backend at a time; balanced spreads sessions by weight.');
}

function modelPath(slug) {
  return '/models/' + encodeURIComponent(slug);
}

function deleteModel(model, after) {
  return confirmAction('Delete model', `Delete ${model.slug}? Its backends and grants go with it.`,
    'Delete model', async () => {
      await api('DELETE', modelPath(model.slug));
      toast(`${model.slug} deleted`);
      after();
    });
}

/** The Models list at /admin/models. */
export async function modelsPage() {
  const body = h('tbody');
  const search = input('q', {type: 'search', placeholder: 'Search by slug or name', 'aria-label': 'Search models'});
  async function load() {
    const query = search.value.trim();
    const models = (await api('GET', '/models' + (query ? '?q=' + encodeURIComponent(query) : ''))).data;
    body.replaceChildren(...models.map(m => h('tr', {'data-slug': m.slug},
      h('td', {}, h('a', {href: '/admin/models/' + encodeURIComponent(m.slug), class: 'mono model-link'}, m.slug)),
      h('td', {}, m.displayName),
      h('td', {}, badge(m.kind, 'kind')),
      h('td', {}, badge(m.status)),
      h('td', {}, (ROUTING[m.routing] || [m.routing])[0]),
      h('td', {class: 'num'}, String(m.backendCount)),
      h('td', {}, menu('Model actions', [
        ['View', () => go('/admin/models/' + encodeURIComponent(m.slug))],
        ['Edit', () => editModel(m).then(load)],
        ['Delete', () => deleteModel(m, load), true],
      ])))));
    if (models.length === 0) {
      body.append(h('tr', {}, h('td', {colspan: 7, class: 'muted'},
        query ? 'No model matches.' : 'No models yet. Add one, then wire it to a Provider Model.')));
    }
  }
  search.addEventListener('input', () => load());
  await load();
  return h('section', {},
    h('h1', {}, 'Models'),
    h('p', {class: 'muted'}, 'The facades developers ask for by slug, each wired to upstream Provider Models.'),
    h('div', {class: 'toolbar'}, search, h('span', {class: 'spacer'}),
      h('button', {type: 'button', class: 'primary', id: 'add-model', onclick: () => addModel()}, 'Add model')),
    h('table', {id: 'models'},
      h('thead', {}, h('tr', {}, ['Slug', 'Name', 'Kind', 'Status', 'Routing', 'Backends', ''].map(c => h('th', {}, c)))),
      body));
}

function slugInput(value) {
  const slug = input('slug', {required: true, class: 'mono', value: value ?? '', id: 'model-slug',
    autocomplete: 'off', spellcheck: 'false'});
  const message = h('div', {class: 'field-error', id: 'slug-error', hidden: true},
    'Use lowercase letters, digits and hyphens only.');
  slug.addEventListener('input', () => {
    const bad = slug.value !== '' && !SLUG.test(slug.value);
    slug.classList.toggle('invalid', bad);
    slug.setCustomValidity(bad ? 'Use lowercase letters, digits and hyphens only.' : '');
    message.hidden = !bad;
  });
  return [field('Slug', slug, 'What developers pass as "model": lowercase letters, digits and hyphens.'), message];
}

async function addModel() {
  let created = null;
  await dialog({title: 'Add model', submitLabel: 'Add model',
    body: [slugInput(), field('Display name', input('displayName', {required: true})),
      field('Kind', select('kind', [['chat', 'chat'], ['embedding', 'embedding']]), 'Fixed after creation.'),
      routingSelect()],
    submit: async form => {
      created = await api('POST', '/models', {slug: form.elements.slug.value.trim(),
        displayName: form.elements.displayName.value.trim(), kind: form.elements.kind.value,
        routing: form.elements.routing.value});
      toast(`${created.slug} created as draft`);
    }});
  if (created) go('/admin/models/' + encodeURIComponent(created.slug));
}

async function editModel(model, after) {
  let saved = null;
  await dialog({title: 'Edit model', submitLabel: 'Save',
    body: [slugInput(model.slug), field('Display name', input('displayName', {required: true, value: model.displayName})),
      routingSelect(model.routing)],
    submit: async form => {
      saved = await api('PATCH', modelPath(model.slug), {slug: form.elements.slug.value.trim(),
        displayName: form.elements.displayName.value.trim(), routing: form.elements.routing.value});
      toast('Model saved');
    }});
  if (saved && after) after(saved);
}

function lifecycle(model, action, label) {
  return h('button', {type: 'button', id: 'model-' + action, class: action === 'publish' ? 'primary' : '',
    onclick: async () => {
      const box = document.getElementById('lifecycle-error');
      try {
        await api('POST', modelPath(model.slug) + '/' + action);
        toast(`${model.slug}: ${label.toLowerCase()} done`);
        render();
      } catch (e) {
        box.textContent = `Cannot ${label.toLowerCase()}: ${e.message}`;
        box.hidden = false;
      }
    }}, label);
}

function defaultsText(d) {
  const parts = [];
  if (d.temperature !== null) parts.push('temperature ' + d.temperature);
  if (d.maxTokens !== null) parts.push('max tokens ' + d.maxTokens);
  if (d.topP !== null) parts.push('top_p ' + d.topP);
  if (d.topK !== null) parts.push('top_k ' + d.topK);
  if (d.stop.length) parts.push('stop ' + d.stop.map(s => JSON.stringify(s)).join(', '));
  return parts.length ? parts.join(' · ') : '—';
}

/** The Model detail at /admin/models/{slug}. */
export async function modelPage(slug) {
  const model = await api('GET', modelPath(slug));
  const [routingName, routingText] = ROUTING[model.routing] || [model.routing, ''];
  const actions = model.status === 'draft'
    ? [lifecycle(model, 'publish', 'Publish')]
    : [model.status === 'active' ? lifecycle(model, 'disable', 'Disable') : null,
      lifecycle(model, 'draft', 'Return to draft')];
  const backends = model.backends.length === 0
    ? h('div', {class: 'empty', id: 'no-backends'},
      h('p', {}, 'No backends yet. A model needs at least one backend before it can be published.'),
      h('button', {type: 'button', class: 'primary', onclick: () => addBackend(model)}, 'Add backend'))
    : h('table', {id: 'backends'},
      h('thead', {}, h('tr', {}, ['Priority', 'Weight', 'Provider', 'Model ID', 'Pricing (in / out per MTok)', 'Defaults', '']
        .map(c => h('th', {}, c)))),
      h('tbody', {}, model.backends.map(b => h('tr', {},
        h('td', {class: 'num'}, String(b.priority)),
        h('td', {class: 'num backend-weight'}, String(b.weight)),
        h('td', {}, b.providerId ? h('a', {href: '/admin/providers/' + encodeURIComponent(b.providerId)}, b.providerName) : '—'),
        h('td', {class: 'mono'}, b.modelId ?? '—'),
        h('td', {}, b.pricing ? `$${b.pricing.inputPerMTok} / $${b.pricing.outputPerMTok}` : '—'),
        h('td', {}, defaultsText(b.defaults)),
        h('td', {}, menu('Backend actions', [
          ['Edit', () => backendForm(model, b)],
          ['Remove', () => confirmAction('Remove backend', `Remove the backend to ${b.modelId}?`, 'Remove',
            async () => {
              await api('DELETE', `${modelPath(model.slug)}/backends/${encodeURIComponent(b.id)}`);
              toast('Backend removed');
              render();
            }), true],
        ]))))));
  return h('section', {},
    h('div', {class: 'toolbar'},
      h('button', {type: 'button', onclick: () => go('/admin/models')}, '← Back'),
      h('h1', {class: 'mono model-title'}, model.slug), h('span', {class: 'spacer'}),
      h('button', {type: 'button', onclick: () => editModel(model,
        saved => go('/admin/models/' + encodeURIComponent(saved.slug)))}, 'Edit'),
      actions,
      h('button', {type: 'button', class: 'danger', onclick: () => deleteModel(model, () => go('/admin/models'))}, 'Delete')),
    h('div', {class: 'error-box', id: 'lifecycle-error', role: 'alert', hidden: true}),
    h('div', {class: 'cards'},
      card('Slug', h('span', {class: 'mono'}, model.slug)), card('Display name', model.displayName),
      card('Kind', badge(model.kind, 'kind')), card('Status', badge(model.status)),
      card('Routing', routingName, routingText),
      card('Created', when(model.createdAt)), card('Updated', when(model.updatedAt))),
    h('div', {class: 'toolbar'}, h('h2', {}, 'Backends'), h('span', {class: 'spacer'}),
      model.backends.length ? h('button', {type: 'button', class: 'primary', id: 'add-backend',
        onclick: () => addBackend(model)}, 'Add backend') : null),
    backends);
}

function addBackend(model) {
  return backendForm(model, null);
}

async function backendForm(model, backend) {
  const providers = (await api('GET', '/providers')).data;
  const providerSelect = select('provider', [['', 'Choose a provider'], ...providers.map(p => [p.id, p.name])],
    {required: true, id: 'backend-provider', disabled: !!backend});
  const modelSelect = select('providerModel', [['', 'Choose a provider first']],
    {required: true, id: 'backend-provider-model', disabled: !!backend});
  providerSelect.addEventListener('change', async () => {
    const id = providerSelect.value;
    const list = id ? (await api('GET', `/providers/${encodeURIComponent(id)}/models`)).data
      .filter(m => m.kind === model.kind) : [];
    modelSelect.replaceChildren(
      h('option', {value: ''}, list.length ? 'Choose a Provider Model' : 'No matching Provider Models'),
      ...list.map(m => h('option', {value: m.id}, m.modelId)));
  });
  if (backend) {
    providerSelect.value = backend.providerId ?? '';
    modelSelect.replaceChildren(h('option', {value: backend.providerModelId}, backend.modelId ?? ''));
  }
  const d = backend ? backend.defaults : {temperature: null, maxTokens: null, topP: null, topK: null, stop: []};
  const next = model.backends.reduce((max, b) => Math.max(max, b.priority), 0) + 10;
  const num = (name, value, attrs) => input(name, {type: 'number', value: value ?? '', ...attrs});
  await dialog({title: backend ? 'Edit backend' : 'Add backend', slideover: true,
    submitLabel: backend ? 'Save backend' : 'Add backend',
    body: [h('h4', {}, 'Wiring'), field('Provider', providerSelect),
      field('Provider Model', modelSelect, "Filtered to the selected provider's catalog."),
      h('h4', {}, 'Routing & Defaults'),
      field('Priority', num('priority', backend ? backend.priority : next, {min: 0, required: true}),
        'Lower numbers are tried first.'),
      field('Weight', num('weight', backend ? backend.weight : 1, {min: 1, max: 1000, required: true}),
        model.routing === 'balanced'
          ? 'Its share of the requests among backends of the same priority.'
          : 'Used when the model\'s routing is balanced.'),
      h('div', {class: 'row'},
        field('Temperature', num('temperature', d.temperature, {step: 'any', min: 0, max: 2})),
        field('Max tokens', num('maxTokens', d.maxTokens, {min: 1}))),
      h('div', {class: 'row'},
        field('Top P', num('topP', d.topP, {step: 'any', min: 0, max: 1})),
        field('Top K', num('topK', d.topK, {min: 1}), 'Honored only by Anthropic-family models.')),
      field('Stop sequences', h('textarea', {name: 'stop', rows: 2}, d.stop.join('\n')), 'One per line.'),
      h('p', {class: 'hint'}, 'Defaults apply when a client does not set them.')],
    submit: async form => {
      const defaults = {temperature: number(form, 'temperature'), maxTokens: number(form, 'maxTokens'),
        topP: number(form, 'topP'), topK: number(form, 'topK'),
        stop: form.elements.stop.value.split('\n').filter(s => s !== '')};
      const priority = number(form, 'priority');
      const weight = number(form, 'weight');
      if (backend) {
        await api('PATCH', `${modelPath(model.slug)}/backends/${encodeURIComponent(backend.id)}`,
          {priority, weight, defaults});
      } else {
        await api('POST', `${modelPath(model.slug)}/backends`,
          {providerModelId: form.elements.providerModel.value, priority, weight, defaults});
      }
      toast(backend ? 'Backend saved' : 'Backend added');
    }});
  render();
}
