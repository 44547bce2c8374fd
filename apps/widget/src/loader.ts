import { stringsFor } from './strings';
import type { WidgetOptions } from './widget';

/*
 * The loader: what the site's one script tag runs, a classic script (no static import). It puts
 * the launcher button on the page in a shadow root and loads the widget itself only when the
 * visitor opens it, or at once when this browser has a chat to resume.
 */

/** api-gateway writes chat-gateway's public URL here when it serves this file (empty: none). */
const CHAT_URL = '__SWITCHBOARD_CHAT_URL__';
/** The build writes the widget's hashed file name here (`widget/app-<hash>.js`). */
const WIDGET_FILE = '__SWITCHBOARD_WIDGET_FILE__';

const LAUNCHER_CSS = `
:host{all:initial}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483647;width:56px;height:56px;
border-radius:50%;border:0;background:var(--sb-accent,#1d4ed8);color:#fff;cursor:pointer;display:grid;
place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
.launcher svg{width:28px;height:28px;fill:currentColor}
`;
const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

function start(script: HTMLScriptElement): void {
  const key = script.dataset.key;
  if (!key) {
    console.warn('Switchboard chat: the script tag has no data-key');
    return;
  }
  const deskUrl = new URL(script.src).origin;
  const strings = stringsFor(script.dataset.lang ?? navigator.language);
  const host = document.createElement('div');
  host.setAttribute('data-switchboard-widget', '');
  // Open, so that assistive technology and tests can reach inside; `all: initial` keeps the
  // page's styles out and ours in.
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = LAUNCHER_CSS;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-label', strings.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = ICON; // our own constant, never page or server text
  root.append(style, launcher);
  try {
    // The workspace's colour, as the widget last heard it (`chat:settings`): no flash of ours.
    const colour = localStorage.getItem(`switchboard-widget-look:${key}`);
    if (colour) host.style.setProperty('--sb-accent', colour);
  } catch {
    // storage disabled: our colour until the widget connects
  }
  document.body.append(host);

  const options: WidgetOptions = {
    root,
    launcher,
    widgetKey: key,
    deskUrl,
    chatUrl: CHAT_URL.startsWith('http') ? CHAT_URL : deskUrl,
    strings,
    lang: script.dataset.lang ?? navigator.language,
  };
  let loading: Promise<{ toggle(open?: boolean): void }> | undefined;
  // Absolute: a cross-origin classic script has no base URL for a relative import().
  const widgetUrl = new URL(WIDGET_FILE, script.src).href;
  const load = () =>
    (loading ??= (import(/* @vite-ignore */ widgetUrl) as Promise<typeof import('./widget')>).then(
      (widget) => widget.mount(options),
    ));
  launcher.addEventListener('click', () => {
    load().then(
      (widget) => widget.toggle(),
      (error: unknown) => console.warn('Switchboard chat: the widget did not load', error),
    );
  });
  let resume = false;
  try {
    resume = !!localStorage.getItem(`switchboard-widget:${key}`);
  } catch {
    // storage disabled: nothing to resume
  }
  if (resume) void load();
}

const script = document.currentScript as HTMLScriptElement | null;
if (script) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script));
}
