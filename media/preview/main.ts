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
const toggle = document.getElementById('theme-toggle') as HTMLButtonElement;

const initial = readInitial(root.dataset.initial);
let model: PreviewModel | undefined = initial.model;
let themeSetting: ThemeSetting = initial.theme;
const saved = vscode.getState();
let pickedTheme: ChatTheme | undefined = isPreviewState(saved) ? saved.theme : undefined;

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
    return { model: data.model, theme: isThemeSetting(data.theme) ? data.theme : 'auto' };
  } catch {
    return { model: undefined, theme: 'auto' };
  }
}

function vscodeTheme(): ChatTheme {
  const classes = document.body.classList;
  const dark = classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
  return dark ? 'dark' : 'light';
}

function settingTheme(): ChatTheme {
  return themeSetting === 'auto' ? vscodeTheme() : themeSetting;
}

function currentTheme(): ChatTheme {
  return pickedTheme ?? settingTheme();
}

function saveState(): void {
  if (!model) return;
  const state: PreviewState = { uri: model.uri };
  if (pickedTheme) state.theme = pickedTheme;
  vscode.setState(state);
}

function draw(): void {
  const theme = currentTheme();
  document.body.dataset.chatTheme = theme;
  toggle.textContent = theme === 'dark' ? 'Light chat' : 'Dark chat';
  if (!model) {
    root.innerHTML = '<p class="waiting">Open a LINE payload file (*.line.json) to preview it here.</p>';
    return;
  }
  const scrolls = Array.from(root.querySelectorAll('.lp-carousel'), (c) => c.scrollLeft);
  root.innerHTML = renderMessage({ payload: model.payload, diagnostics: model.diagnostics }, { theme });
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

toggle.addEventListener('click', () => {
  const next: ChatTheme = currentTheme() === 'dark' ? 'light' : 'dark';
  // Toggling back to what the setting gives returns to following the setting (and VS Code's theme).
  pickedTheme = next === settingTheme() ? undefined : next;
  saveState();
  draw();
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
  if (!pickedTheme && themeSetting === 'auto' && document.body.dataset.chatTheme !== vscodeTheme()) draw();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

saveState();
draw();
post({ type: 'ready' });
