// The console's router: one page module per path, rendered into #page.
import {logout, toast} from './ui.js';
import {providersPage, providerPage} from './providers.js';
import {modelsPage, modelPage} from './models.js';
import {accessPage} from './access.js';
import {limitsPage} from './limits.js';
import {usagePage} from './usage.js';
import {auditPage} from './audit.js';

const routes = [
  [/^\/admin\/providers\/?$/, 'providers', () => providersPage()],
  [/^\/admin\/providers\/([^/]+)$/, 'providers', m => providerPage(decodeURIComponent(m[1]))],
  [/^\/admin\/models\/?$/, 'models', () => modelsPage()],
  [/^\/admin\/models\/([^/]+)$/, 'models', m => modelPage(decodeURIComponent(m[1]))],
  [/^\/admin\/access\/?$/, 'access', () => accessPage()],
  [/^\/admin\/limits\/?$/, 'limits', () => limitsPage()],
  [/^\/admin\/usage\/?$/, 'usage', () => usagePage()],
  [/^\/admin\/audit\/?$/, 'audit', () => auditPage()],
];

/** Shows the page for the current path. */
export async function render() {
  const page = document.getElementById('page');
  for (const [pattern, section, show] of routes) {
    const match = location.pathname.match(pattern);
    if (!match) continue;
    for (const link of document.querySelectorAll('.top nav a')) {
      link.classList.toggle('current', link.dataset.section === section);
    }
    try {
      const content = await show(match);
      page.replaceChildren(content);
    } catch (e) {
      page.replaceChildren();
      toast(e.message, true);
    }
    return;
  }
  location.assign('/admin/providers');
}

/** Goes to a console path without reloading. */
export function go(path) {
  history.pushState(null, '', path);
  render();
}

document.addEventListener('click', event => {
  const link = event.target.closest('a[href^="/admin/"]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || link.target) return;
  event.preventDefault();
  go(link.getAttribute('href'));
});
window.addEventListener('popstate', render);
document.getElementById('logout').addEventListener('click', logout);
render();
