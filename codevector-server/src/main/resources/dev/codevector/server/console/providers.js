// The Providers list and the Provider detail with its Provider Models.
import {api, attempt, badge, card, confirmAction, dialog, field, h, input, menu, number,
  select, table, toast, when} from './ui.js';
import {go, render} from './app.js';

let kindsCache = null;

async function kinds() {
  if (!kindsCache) kindsCache = (await api('GET', '/provider-kinds')).data;
  return kindsCache;
}

function providerLink(provider) {
  return h('a', {href: '/admin/providers/' + encodeURIComponent(provider.id), class: 'provider-link'},
    provider.name);
}

function statusActions(provider) {
  const active = provider.status === 'active';
  return [active ? 'Disable' : 'Enable', () => attempt(
    () => api('POST', `/providers/${encodeURIComponent(provider.id)}/${active ? 'disable' : 'enable'}`),
    `${provider.name} ${active ? 'disabled' : 'enabled'}`).then(render)];
}

function deleteProvider(provider, after) {
  return confirmAction('Delete provider',
    `Delete ${provider.name}? This also removes all of its Provider Models and cascades to every `
      + 'Model backend wired to them.',
    'Delete provider', async () => {
      await api('DELETE', '/providers/' + encodeURIComponent(provider.id));
      toast(`${provider.name} deleted`);
      after();
    });
}

/** The Providers list at /admin/providers. */
export async function providersPage() {
  const body = h('tbody');
  const search = input('q', {type: 'search', placeholder: 'Search by name', 'aria-label': 'Search providers'});
  async function load() {
    const query = search.value.trim();
    const providers = (await api('GET', '/providers' + (query ? '?q=' + encodeURIComponent(query) : ''))).data;
    body.replaceChildren(...providers.map(p => h('tr', {'data-id': p.id},
      h('td', {}, providerLink(p)),
      h('td', {}, badge(p.kindLabel, 'kind')),
      h('td', {class: 'details'}, p.details || (p.credential ? 'key ' + p.credential.prefix + '…' : '—')),
      h('td', {}, badge(p.status)),
      h('td', {}, when(p.createdAt)),
      h('td', {}, menu('Provider actions', [
        ['View', () => go('/admin/providers/' + encodeURIComponent(p.id))],
        ['Edit', () => editProvider(p).then(load)],
        statusActions(p),
        ['Delete', () => deleteProvider(p, load), true],
      ])))));
    if (providers.length === 0) {
      body.append(h('tr', {}, h('td', {colspan: 6, class: 'muted'},
        query ? 'No provider matches that name.' : 'No providers yet. Add one to get started.')));
    }
  }
  search.addEventListener('input', () => load());
  await load();
  return h('section', {},
    h('h1', {}, 'Providers'),
    h('p', {class: 'muted'}, 'Upstream AI services, their credentials and their model catalogs.'),
    h('div', {class: 'toolbar'}, search, h('span', {class: 'spacer'}),
      h('button', {type: 'button', class: 'primary', id: 'add-provider',
        onclick: () => addProvider().then(load)}, 'Add provider')),
    h('table', {id: 'providers'},
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Details', 'Status', 'Created', ''].map(c => h('th', {}, c)))),
      body));
}

function kindFields(kind, provider) {
  const credentials = kind.credentialFields.map(f => {
    const current = provider && provider.credentials[f.name];
    return field(f.label + (f.required && !provider ? '' : ' (optional)'),
      input('cred.' + f.name, {type: 'password', autocomplete: 'off',
        required: f.required && !provider, placeholder: current ? 'unchanged' : ''}),
      current ? `Set: ${current.prefix}… · updated ${when(current.updatedAt)}. Leave empty to keep it.`
        : 'Write-only: after saving only its prefix and last update are shown.');
  });
  const config = kind.configFields.map(f => field(f.label + (f.required ? '' : ' (optional)'),
    input('config.' + f.name, {type: f.format === 'url' ? 'url' : 'text', required: f.required,
      value: provider ? (provider.config[f.name] ?? '') : '', placeholder: f.default ?? ''})));
  return [h('h4', {}, 'Credentials'), credentials,
    config.length ? [h('h4', {}, 'Configuration'), config] : []];
}

function readKindFields(form, kind, editing) {
  const credentials = {};
  for (const f of kind.credentialFields) {
    const value = form.elements['cred.' + f.name].value;
    if (value !== '') credentials[f.name] = value;
  }
  const config = {};
  for (const f of kind.configFields) {
    const value = form.elements['config.' + f.name].value.trim();
    if (value !== '') config[f.name] = value;
    else if (editing) config[f.name] = null;
  }
  return Object.keys(credentials).length ? {credentials, config} : {config};
}

async function addProvider() {
  const all = await kinds();
  const kindSelect = select('kind', all.map(k => [k.id, k.label]), {id: 'provider-kind'});
  const dynamic = h('div', {class: 'kind-fields'});
  const show = () => dynamic.replaceChildren(...kindFields(all.find(k => k.id === kindSelect.value)).flat(Infinity));
  kindSelect.addEventListener('change', show);
  show();
  await dialog({title: 'Add provider', submitLabel: 'Add provider',
    body: [field('Kind', kindSelect), field('Name', input('name', {required: true, id: 'provider-name'})), dynamic],
    submit: async form => {
      const kind = all.find(k => k.id === kindSelect.value);
      const created = await api('POST', '/providers',
        {kind: kind.id, name: form.elements.name.value.trim(), ...readKindFields(form, kind, false)});
      toast(`${created.name} added`);
    }});
}

async function editProvider(provider) {
  const kind = (await kinds()).find(k => k.id === provider.kind);
  await dialog({title: 'Edit provider', submitLabel: 'Save',
    body: [field('Kind', h('input', {value: provider.kindLabel, disabled: true}), 'Fixed after creation.'),
      field('Name', input('name', {required: true, value: provider.name})), kindFields(kind, provider)],
    submit: async form => {
      await api('PATCH', '/providers/' + encodeURIComponent(provider.id),
        {name: form.elements.name.value.trim(), ...readKindFields(form, kind, true)});
      toast('Provider saved');
    }});
}

/** The Provider detail at /admin/providers/{id}. */
export async function providerPage(id) {
  const path = '/providers/' + encodeURIComponent(id);
  const [provider, models] = await Promise.all([api('GET', path), api('GET', path + '/models')]);
  const active = provider.status === 'active';
  const credential = provider.credential
    ? `${provider.credential.prefix}… · updated ${when(provider.credential.updatedAt)}` : 'none';
  return h('section', {},
    h('div', {class: 'toolbar'},
      h('button', {type: 'button', onclick: () => go('/admin/providers')}, '← Back'),
      h('h1', {class: 'provider-title'}, provider.name), h('span', {class: 'spacer'}),
      h('button', {type: 'button', onclick: () => editProvider(provider).then(render)}, 'Edit'),
      h('button', {type: 'button', id: 'toggle-provider', onclick: statusActions(provider)[1]},
        active ? 'Disable' : 'Enable'),
      h('button', {type: 'button', class: 'danger', id: 'delete-provider',
        onclick: () => deleteProvider(provider, () => go('/admin/providers'))}, 'Delete')),
    h('div', {class: 'cards'},
      card('Name', provider.name), card('Kind', badge(provider.kindLabel, 'kind')),
      card('Status', badge(provider.status)), card('Created', when(provider.createdAt)),
      card('Credential', credential), provider.details ? card('Details', provider.details) : null),
    h('div', {class: 'toolbar'}, h('h2', {}, 'Provider Models'), h('span', {class: 'spacer'}),
      h('button', {type: 'button', id: 'import-catalog', onclick: () => attempt(
        () => api('POST', path + '/catalog-import'),
        r => `Imported ${r.imported}, skipped ${r.skipped}`).then(render)}, 'Import from catalog'),
      h('button', {type: 'button', class: 'primary', id: 'add-custom-model',
        onclick: () => addCustomModel(provider).then(render)}, 'Add custom model')),
    models.data.length === 0
      ? h('div', {class: 'empty'}, h('p', {}, 'No Provider Models yet. Import the catalog or add a custom model.'))
      : table(['Upstream model ID', 'Kind', 'Status', 'Context window', 'Pricing (in / out per MTok)', 'Source', ''],
        models.data.map(m => [h('span', {class: 'mono'}, m.modelId), badge(m.kind, 'kind'), badge(m.status),
          m.contextWindow.toLocaleString(), `$${m.pricing.inputPerMTok} / $${m.pricing.outputPerMTok}`, m.source,
          menu('Provider Model actions', [
            ['Edit', () => editProviderModel(m).then(render)],
            [m.status === 'active' ? 'Disable' : 'Enable', () => attempt(
              () => api('PATCH', '/provider-models/' + encodeURIComponent(m.id),
                {status: m.status === 'active' ? 'disabled' : 'active'}), 'Provider Model updated').then(render)],
            ['Remove', () => confirmAction('Remove Provider Model',
              `Remove ${m.modelId}? Backends wired to it are removed too.`, 'Remove', async () => {
                await api('DELETE', '/provider-models/' + encodeURIComponent(m.id));
                toast(`${m.modelId} removed`);
                render();
              }), true],
          ])]), {id: 'provider-models'}));
}

function pricingFields(model) {
  return h('div', {class: 'row'},
    field('Input $ per MTok', input('inputPerMTok', {type: 'number', step: 'any', min: 0, required: true,
      value: model ? model.pricing.inputPerMTok : ''})),
    field('Output $ per MTok', input('outputPerMTok', {type: 'number', step: 'any', min: 0, required: true,
      value: model ? model.pricing.outputPerMTok : ''})));
}

function readPricing(form) {
  return {inputPerMTok: number(form, 'inputPerMTok'), outputPerMTok: number(form, 'outputPerMTok')};
}

async function addCustomModel(provider) {
  await dialog({title: 'Add custom model', submitLabel: 'Add model',
    body: [field('Upstream model ID', input('modelId', {required: true, class: 'mono'})),
      field('Kind', select('kind', [['chat', 'chat'], ['embedding', 'embedding']])),
      h('div', {class: 'row'},
        field('Context window', input('contextWindow', {type: 'number', min: 1, required: true})),
        field('Max output tokens', input('maxOutputTokens', {type: 'number', min: 1}))),
      pricingFields(null)],
    submit: async form => {
      const created = await api('POST', `/providers/${encodeURIComponent(provider.id)}/models`, {
        modelId: form.elements.modelId.value.trim(), kind: form.elements.kind.value,
        contextWindow: number(form, 'contextWindow'), maxOutputTokens: number(form, 'maxOutputTokens'),
        pricing: readPricing(form)});
      toast(`${created.modelId} added`);
    }});
}

async function editProviderModel(model) {
  await dialog({title: 'Edit ' + model.modelId, submitLabel: 'Save',
    body: [h('div', {class: 'row'},
      field('Context window', input('contextWindow', {type: 'number', min: 1, required: true, value: model.contextWindow})),
      field('Max output tokens', input('maxOutputTokens', {type: 'number', min: 1, value: model.maxOutputTokens ?? ''}))),
    pricingFields(model)],
    submit: async form => {
      await api('PATCH', '/provider-models/' + encodeURIComponent(model.id), {
        contextWindow: number(form, 'contextWindow'), maxOutputTokens: number(form, 'maxOutputTokens'),
        pricing: readPricing(form)});
      toast('Provider Model saved');
    }});
}
