// The LINE preview webview: draws each model the extension posts with the core renderer, in place.
import { chatStyles } from '../../src/core/render/chatStyles';
import { renderMessage } from '../../src/core/render/renderMessage';
import {
  type ChatTheme,
  type FromPreviewMessage,
  type InitialPreviewData,
  type PreviewModel,
  type PreviewState,
  type ThemeSetting,
  isPreviewState,
  isThemeSetting,
  isToPreviewMessage,
} from '../../src/protocol/preview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('preview')!;
const themePicker = document.getElementById('chat-theme') as HTMLSelectElement;
const lockPicker = document.getElementById('preview-lock') as HTMLSelectElement;

const initial = readInitial(root.dataset.initial);
let model: PreviewModel | undefined = initial.model;
let themeSetting: ThemeSetting = initial.theme;
const saved = vscode.getState();
let pickedTheme: ThemeSetting | undefined = isPreviewState(saved) ? saved.theme : undefined;
let locked = initial.locked ?? (isPreviewState(saved) ? saved.locked === true : false);
const remoteMedia = initial.remoteMedia !== false;

// The CSP admits no inline <style>; a constructed stylesheet is CSSOM, which CSP leaves alone, and keeps the chat
// CSS in one place, the core renderer, shared with the CLI page.
const sheet = new CSSStyleSheet();
sheet.replaceSync(chatStyles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

function post(message: FromPreviewMessage): void {
  vscode.postMessage(message);
}

function readInitial(raw: string | undefined): InitialPreviewData {
  try {
    const data = JSON.parse(raw ?? '{}') as Partial<InitialPreviewData>;
    return {
      model: data.model,
      theme: isThemeSetting(data.theme) ? data.theme : 'auto',
      remoteMedia: data.remoteMedia !== false,
      ...(typeof data.locked === 'boolean' ? { locked: data.locked } : {}),
    };
  } catch {
    return { model: undefined, theme: 'auto' };
  }
}

function vscodeTheme(): ChatTheme {
  const classes = document.body.classList;
  const dark = classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
  return dark ? 'dark' : 'light';
}

/** What the picker shows: the user's pick, else the setting. */
function themeChoice(): ThemeSetting {
  return pickedTheme ?? themeSetting;
}

function currentTheme(): ChatTheme {
  const choice = themeChoice();
  return choice === 'auto' ? vscodeTheme() : choice;
}

function saveState(): void {
  if (!model) return;
  const state: PreviewState = { uri: model.uri };
  if (pickedTheme) state.theme = pickedTheme;
  if (locked) state.locked = true;
  vscode.setState(state);
}

/** The pickers show the state, not an action: "Chat: As VS Code (dark)", "Shows: This file only". */
function showChoices(): void {
  themePicker.value = themeChoice();
  themePicker.options[0]!.textContent = `As VS Code (${vscodeTheme()})`;
  lockPicker.value = locked ? 'locked' : 'follow';
  document.body.dataset.locked = String(locked);
}

/**
 * The chat as HTML, parsed into an inert document first: with remote media off, the media <img> elements are left
 * out before anything reaches the page, so nothing is requested and the CSP has nothing to refuse.
 */
function chatNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  if (!remoteMedia) {
    for (const img of Array.from(parsed.querySelectorAll('img'))) {
      const box = img.closest('.lp-media');
      img.remove();
      if (!box) continue;
      const placeholder = box.querySelector('.lp-media-placeholder');
      if (placeholder && !placeholder.querySelector('.lp-media-label')) {
        const label = parsed.createElement('span');
        label.className = 'lp-media-label';
        label.textContent = img.getAttribute('data-label') ?? 'Media';
        placeholder.append(label);
      }
      let where = box.querySelector('.lp-media-url');
      if (!where && placeholder) {
        where = parsed.createElement('span');
        where.className = 'lp-media-url';
        placeholder.append(where);
      }
      if (where) where.textContent = 'not loaded: remote media is off';
      box.setAttribute('data-remote', 'off');
    }
  }
  return Array.from(parsed.body.childNodes, (n) => document.adoptNode(n));
}

function draw(): void {
  const theme = currentTheme();
  document.body.dataset.chatTheme = theme;
  showChoices();
  if (!model) {
    root.innerHTML = '<p class="waiting">Open a LINE payload file (*.line.json) to preview it here.</p>';
    return;
  }
  const scrolls = Array.from(root.querySelectorAll('.lp-carousel'), (c) => c.scrollLeft);
  root.replaceChildren(...chatNodes(renderMessage({ payload: model.payload, diagnostics: model.diagnostics }, { theme })));
  root.querySelectorAll('.lp-carousel').forEach((c, i) => (c.scrollLeft = scrolls[i] ?? 0));
  root.querySelectorAll<HTMLImageElement>('img.lp-media-img').forEach((img) => {
    if (img.complete && img.naturalWidth > 0) imageLoaded(img);
  });
}

/** LINE shows photos and video previews uncropped: once the real size is known, the box takes its ratio. */
function imageLoaded(img: HTMLImageElement): void {
  const box = img.closest<HTMLElement>('.lp-media');
  if (!box) return;
  box.dataset.loaded = 'true';
  if (box.dataset.fit === 'natural' && img.naturalWidth > 0 && img.naturalHeight > 0) {
    const ratio = Math.min(Math.max(img.naturalWidth / img.naturalHeight, 0.5), 2.5);
    box.style.aspectRatio = String(ratio);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToPreviewMessage(message)) return;
  if (message.type === 'settings') {
    themeSetting = message.theme;
  } else if (message.type === 'lock') {
    locked = message.locked;
    saveState();
  } else {
    const next = message.model;
    // Updates can cross on the way: never replace a newer version of the same document by an older one.
    if (model && next.uri === model.uri && next.version < model.version) return;
    model = next;
    saveState();
  }
  draw();
});

document.addEventListener(
  'load',
  (event) => {
    if (event.target instanceof HTMLImageElement) imageLoaded(event.target);
  },
  true,
);

themePicker.addEventListener('change', () => {
  const picked = themePicker.value;
  if (!isThemeSetting(picked)) return;
  // Picking what the setting says returns to following the setting.
  pickedTheme = picked === themeSetting ? undefined : picked;
  saveState();
  draw();
});

lockPicker.addEventListener('change', () => {
  locked = lockPicker.value === 'locked';
  saveState();
  showChoices();
  post({ type: 'lock', locked });
});

root.addEventListener('click', (event) => {
  const marked = (event.target as Element).closest('[data-problem], [data-part="problem"]');
  const pointer = marked?.getAttribute('data-pointer');
  if (pointer !== null && pointer !== undefined) post({ type: 'reveal', pointer });
});

root.addEventListener('dblclick', (event) => {
  const pointer = (event.target as Element).closest('[data-pointer]')?.getAttribute('data-pointer');
  if (pointer !== null && pointer !== undefined) post({ type: 'reveal', pointer });
});

new MutationObserver(() => {
  if (themeChoice() === 'auto' && document.body.dataset.chatTheme !== vscodeTheme()) draw();
  else showChoices();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

saveState();
draw();
post({ type: 'ready' });
