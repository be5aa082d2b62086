// Usage: requests, tokens and spend per Model, Provider, user, client and session over a period,
// with charts.
import {api, h, table, toast} from './ui.js';

const charts = [];

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function money(value) {
  return '$' + Number(value).toFixed(4);
}

/** The Usage page at /admin/usage. */
export async function usagePage() {
  const today = new Date();
  const from = h('input', {type: 'date', name: 'from', id: 'usage-from',
    value: isoDay(new Date(today.getTime() - 29 * 86400000))});
  const to = h('input', {type: 'date', name: 'to', id: 'usage-to', value: isoDay(today)});
  const groupBy = h('select', {name: 'groupBy', id: 'usage-group'},
    h('option', {value: 'model'}, 'per model'), h('option', {value: 'provider'}, 'per provider'),
    h('option', {value: 'user'}, 'per user'), h('option', {value: 'client'}, 'per client'),
    h('option', {value: 'session'}, 'per session'));
  const csv = h('a', {class: 'button', id: 'usage-csv', download: 'usage.csv'}, 'Download CSV');
  const totals = h('div', {class: 'cards'});
  const spendCanvas = h('canvas', {id: 'spend-chart', 'aria-label': 'Spend per day'});
  const requestsCanvas = h('canvas', {id: 'requests-chart', 'aria-label': 'Requests per model'});
  const tableBox = h('div', {id: 'usage-table'});

  async function load() {
    const range = `from=${from.value}&to=${to.value}`;
    csv.href = '/admin/api/usage.csv?' + range;
    const [rows, days, perModel] = await Promise.all([
      api('GET', `/usage?${range}&groupBy=${groupBy.value}`),
      api('GET', `/usage?${range}&groupBy=day`), api('GET', `/usage?${range}&groupBy=model`)]);
    const sum = (list, f) => list.reduce((acc, r) => acc + Number(r[f]), 0);
    totals.replaceChildren(
      ...[['Requests', sum(rows.data, 'requests').toLocaleString()],
        ['Input tokens', sum(rows.data, 'inputTokens').toLocaleString()],
        ['Output tokens', sum(rows.data, 'outputTokens').toLocaleString()],
        ['Spend', money(sum(rows.data, 'cost'))]]
        .map(([label, value]) => h('div', {class: 'card'}, h('div', {class: 'label'}, label), h('div', {class: 'value'}, value))));
    const label = {model: 'Model', provider: 'Provider', user: 'User', client: 'Client', session: 'Session'}[groupBy.value];
    tableBox.replaceChildren(rows.data.length === 0
      ? h('div', {class: 'empty'}, h('p', {}, 'No requests in this period.'))
      : table([label, 'Requests', 'Input tokens', 'Cached input', 'Output tokens', 'Spend'],
        rows.data.map(r => [r.label || r.key || '(none)', r.requests.toLocaleString(), r.inputTokens.toLocaleString(),
          r.cachedInputTokens.toLocaleString(), r.outputTokens.toLocaleString(), money(r.cost)])));
    while (charts.length) charts.pop().destroy();
    if (window.Chart) {
      charts.push(new window.Chart(spendCanvas, {type: 'bar',
        data: {labels: days.data.map(d => d.key), datasets: [{label: 'Spend ($)', data: days.data.map(d => Number(d.cost)), backgroundColor: '#3856d8'}]},
        options: {animation: false, maintainAspectRatio: false}}));
      charts.push(new window.Chart(requestsCanvas, {type: 'bar',
        data: {labels: perModel.data.map(d => d.key), datasets: [{label: 'Requests', data: perModel.data.map(d => d.requests), backgroundColor: '#1f8a4c'}]},
        options: {animation: false, maintainAspectRatio: false, indexAxis: 'y'}}));
    }
  }
  for (const control of [from, to, groupBy]) control.addEventListener('change', load);
  const page = h('section', {},
    h('h1', {}, 'Usage'),
    h('p', {class: 'muted'}, 'Requests, tokens and spend over the chosen period (UTC days).'),
    h('div', {class: 'toolbar'}, h('label', {for: 'usage-from'}, 'From'), from, h('label', {for: 'usage-to'}, 'To'), to,
      groupBy, h('span', {class: 'spacer'}), csv),
    totals,
    h('div', {class: 'charts'},
      h('div', {class: 'card'}, h('div', {class: 'label'}, 'Spend per day'), spendCanvas),
      h('div', {class: 'card'}, h('div', {class: 'label'}, 'Requests per model'), requestsCanvas)),
    h('h2', {}, 'Totals'), tableBox);
  // Charts need the canvases in the document to size themselves.
  setTimeout(() => load().catch(e => toast(e.message, true)));
  return page;
}
