/// <reference lib="dom" />
/** The single-page UI: a header with navigation, hash routes, and a key prompt when the server asks for one. */
import { h, clear } from './dom.ts';
import { get, setApiKey, apiKey, ApiError, type Me } from './api.ts';
import { screenPage } from './pages/screen.ts';
import { jobPage } from './pages/job.ts';
import { entityPage, searchPage } from './pages/entity.ts';
import { listsPage } from './pages/lists.ts';
import { auditPage } from './pages/audit.ts';
import { monitorPage, monitorsPage } from './pages/monitors.ts';

export interface PageContext {
  me: Me | undefined;
  main: HTMLElement;
  params: URLSearchParams;
  /** Set by pages that poll; cleared on navigation. */
  onLeave: (fn: () => void) => void;
}

const NAV = [
  { href: '#/', label: 'Screen files', match: /^#\/(jobs.*)?$/ },
  { href: '#/search', label: 'Entities', match: /^#\/(search|entity)/ },
  { href: '#/lists', label: 'Lists', match: /^#\/lists/ },
  { href: '#/monitors', label: 'Monitors', match: /^#\/monitors/ },
  { href: '#/audit', label: 'Audit trail', match: /^#\/audit/ },
];

let me: Me | undefined;
const leaving: (() => void)[] = [];
/**
 * Incremented by each navigation. A page renders into its own element, attached only while its navigation
 * is the latest: a slow page (Screen's examples and recent screenings) finishing after the user moved on
 * writes into a detached element, never into the next page.
 */
let navigation = 0;

function shell(): { main: HTMLElement; nav: HTMLElement; who: HTMLElement } {
  const app = document.getElementById('app')!;
  clear(app);
  const nav = h('nav', { 'aria-label': 'Main' });
  const who = h('div', { class: 'who' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  app.append(
    h('header', { class: 'top' }, h('a', { href: '#/', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◎'), 'Sightline'), nav, who),
    main,
    h(
      'footer',
      null,
      'Sightline screens against official US lists; a hit is a lead for review, not a finding. ',
      h('a', { href: '/docs' }, 'API documentation'),
    ),
  );
  return { main, nav, who };
}

const ui = shell();

function renderNav(): void {
  clear(ui.nav);
  const hash = location.hash || '#/';
  for (const n of NAV) ui.nav.append(h('a', { href: n.href, 'aria-current': n.match.test(hash) ? 'page' : null }, n.label));
  clear(ui.who);
  if (me) ui.who.append(h('span', null, me.local ? 'Local session' : me.name, ' · ', h('strong', null, me.role)));
  if (apiKey())
    ui.who.append(
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            setApiKey(null);
            me = undefined;
            void route();
          },
        },
        'Sign out',
      ),
    );
}

function loginPage(message: string): void {
  clear(ui.main);
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true, size: 60, placeholder: 'sl_…' });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        setApiKey(input.value.trim());
        me = undefined;
        await route();
      },
    },
    h('h1', null, 'Sign in with an API key'),
    h('p', null, message),
    h(
      'p',
      null,
      'An administrator creates keys with ',
      h('code', null, 'sightline serve --create-key NAME --role reviewer'),
      '. The key is kept only in this browser tab.',
    ),
    h('label', { for: 'key' }, 'API key'),
    input,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
  ui.main.append(form);
  input.focus();
}

async function route(): Promise<void> {
  const token = ++navigation;
  const current = () => token === navigation;
  for (const f of leaving.splice(0)) f();
  const hash = location.hash || '#/';
  const [path, query = ''] = hash.slice(1).split('?');
  const params = new URLSearchParams(query);
  try {
    me ??= await get<Me>('/me');
  } catch (err) {
    if (!current()) return;
    renderNav();
    if (err instanceof ApiError && err.status === 401) return loginPage(apiKey() ? 'That key was not accepted.' : 'This server requires an API key.');
    clear(ui.main);
    ui.main.append(h('p', { class: 'error', role: 'alert' }, `Cannot reach the server: ${(err as Error).message}`));
    return;
  }
  if (!current()) return;
  renderNav();
  clear(ui.main);
  const page = h('div', { class: 'page', 'data-route': path || '/' });
  ui.main.append(page);
  const ctx: PageContext = { me, main: page, params, onLeave: (fn) => leaving.push(fn) };
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === 'jobs' && parts[1]) await jobPage(ctx, parts[1]);
    else if (parts[0] === 'entity' && parts[1]) await entityPage(ctx, parts[1]);
    else if (parts[0] === 'search') await searchPage(ctx);
    else if (parts[0] === 'lists') await listsPage(ctx);
    else if (parts[0] === 'monitors' && parts[1]) await monitorPage(ctx, parts[1]);
    else if (parts[0] === 'monitors') await monitorsPage(ctx);
    else if (parts[0] === 'audit') await auditPage(ctx);
    else await screenPage(ctx);
  } catch (err) {
    if (!current()) return;
    if (err instanceof ApiError && err.status === 401) return loginPage('Your key is no longer accepted.');
    page.append(h('p', { class: 'error', role: 'alert' }, (err as Error).message));
  }
  if (!current()) return;
  const heading = page.querySelector('h1');
  if (heading) document.title = `${heading.textContent} — Sightline`;
}

window.addEventListener('hashchange', () => {
  void route().then(() => ui.main.focus({ preventScroll: true }));
});
window.addEventListener('sightline:auth', () => {
  me = undefined;
});
void route();
