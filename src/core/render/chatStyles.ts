/**
 * The LINE chat look, shared by the webview (adopted as a constructed stylesheet, which the CSP allows) and the
 * CLI page (inlined). Everything is scoped under `.lp-root`; the theme is its `data-theme`.
 */
export const chatStyles = String.raw`
.lp-root {
  --lp-error: #e5484d; --lp-warning: #e8890c; --lp-info: #3b82f6; --lp-accent: #06c755;
  font-family: -apple-system, "Helvetica Neue", "Hiragino Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  display: flex; flex-direction: column; align-items: center; gap: 10px; color: var(--lp-text);
  -webkit-font-smoothing: antialiased;
}
.lp-root[data-theme="light"] {
  --lp-chat-bg: #8cabd9; --lp-bubble: #ffffff; --lp-card: #ffffff; --lp-text: #111111; --lp-sub: #767676;
  --lp-sep: #e6e6e6; --lp-button: #3b5ea6; --lp-name: #22324d; --lp-time: #34445e;
  --lp-header-bg: #ffffff; --lp-header-text: #111111; --lp-input-bg: #ffffff; --lp-input-field: #f0f1f3;
  --lp-pill-bg: rgba(0, 0, 0, 0.17); --lp-pill-text: #ffffff; --lp-placeholder-bg: #dbe3ee; --lp-placeholder-text: #4b5a72;
  --lp-sticker-border: rgba(255, 255, 255, 0.75); --lp-note-bg: #ffffff; --lp-overflow-bg: rgba(229, 72, 77, 0.22);
  --lp-tag-bg: #fff0d2; --lp-tag-text: #8a5300; --lp-frame: #b9c6d9; --lp-map: #e7eee0; --lp-road: #ffffff; --lp-water: #c7dcf0;
  --lp-panel-bg: #ffffff;
}
.lp-root[data-theme="dark"] {
  --lp-chat-bg: #1c1d21; --lp-bubble: #303136; --lp-card: #303136; --lp-text: #ececec; --lp-sub: #a3a6ad;
  --lp-sep: #40424a; --lp-button: #8fb2ff; --lp-name: #b9bdc6; --lp-time: #8b8f98;
  --lp-header-bg: #111215; --lp-header-text: #f2f2f2; --lp-input-bg: #111215; --lp-input-field: #26272c;
  --lp-pill-bg: rgba(255, 255, 255, 0.13); --lp-pill-text: #d6d6d6; --lp-placeholder-bg: #3a3c43; --lp-placeholder-text: #b4b8c0;
  --lp-sticker-border: rgba(255, 255, 255, 0.28); --lp-note-bg: #2a2b30; --lp-overflow-bg: rgba(255, 99, 99, 0.32);
  --lp-tag-bg: #4a3810; --lp-tag-text: #ffd27a; --lp-frame: #34363d; --lp-map: #2f3530; --lp-road: #454b47; --lp-water: #28384a;
  --lp-panel-bg: #26272c;
}
.lp-root *, .lp-root *::before, .lp-root *::after { box-sizing: border-box; }
.lp-root .lp-icon { width: 16px; height: 16px; flex: none; }

.lp-summary, .lp-outside { width: 375px; border-radius: 12px; font-size: 13px; }
.lp-summary { padding: 8px 12px; font-weight: 600; background: var(--lp-panel-bg); border-left: 4px solid var(--lp-accent); }
.lp-summary[data-status="error"] { border-left-color: var(--lp-error); }
.lp-summary[data-status="warning"] { border-left-color: var(--lp-warning); }
.lp-outside { padding: 8px 10px; background: var(--lp-panel-bg); }
.lp-outside-title { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--lp-sub); margin: 0 0 4px 2px; }
.lp-outside .lp-note { max-width: none; }

.lp-phone {
  width: 375px; border-radius: 30px; overflow: hidden; display: flex; flex-direction: column;
  background: var(--lp-chat-bg); border: 1px solid var(--lp-frame); box-shadow: 0 8px 28px rgba(0, 0, 0, 0.22);
}
.lp-header {
  height: 50px; display: flex; align-items: center; gap: 12px; padding: 0 14px; background: var(--lp-header-bg);
  color: var(--lp-header-text); font-size: 16px; font-weight: 700;
}
.lp-header .lp-icon { width: 22px; height: 22px; }
.lp-header-title { flex: 1; }
.lp-chat { min-height: 460px; padding: 12px 0 18px; display: flex; flex-direction: column; gap: 10px; }
.lp-system {
  align-self: center; max-width: 300px; padding: 3px 11px; border-radius: 11px; font-size: 11px; text-align: center;
  background: var(--lp-pill-bg); color: var(--lp-pill-text);
}
.lp-empty { padding: 8px 14px; font-size: 12px; }
.lp-inputbar { height: 52px; display: flex; align-items: center; gap: 12px; padding: 0 14px; background: var(--lp-input-bg); color: var(--lp-sub); }
.lp-inputbar .lp-icon { width: 22px; height: 22px; }
.lp-input { flex: 1; padding: 8px 14px; border-radius: 18px; background: var(--lp-input-field); font-size: 14px; }

.lp-row { display: flex; align-items: flex-start; gap: 8px; padding: 0 10px; }
.lp-avatar, .lp-avatar-gap { width: 38px; height: 38px; flex: none; }
.lp-avatar .lp-icon { width: 38px; height: 38px; }
.lp-row-body { flex: 1; min-width: 0; display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
.lp-row-wide .lp-row-body { margin-right: -10px; }
.lp-row-wide .lp-row-line { width: 100%; }
.lp-name { font-size: 12px; color: var(--lp-name); }
.lp-row-line { display: flex; align-items: flex-end; gap: 6px; max-width: 100%; }
.lp-time { flex: none; font-size: 10px; color: var(--lp-time); }

.lp-bubble {
  position: relative; max-width: 245px; padding: 9px 13px; border-radius: 19px; background: var(--lp-bubble);
  color: var(--lp-text); font-size: 15px; line-height: 1.42; white-space: pre-wrap; overflow-wrap: anywhere;
}
.lp-name + .lp-row-line > .lp-bubble-text { border-top-left-radius: 6px; }

.lp-bubble-template { width: 250px; flex: none; }
.lp-template {
  position: relative; height: 100%; display: flex; flex-direction: column; overflow: hidden; border-radius: 17px;
  background: var(--lp-card); color: var(--lp-text);
}
.lp-template-body { padding: 12px 14px 11px; }
.lp-title { position: relative; margin-bottom: 3px; font-size: 15px; font-weight: 700; line-height: 1.35; overflow-wrap: anywhere; }
.lp-text { position: relative; font-size: 13px; line-height: 1.42; color: var(--lp-sub); white-space: pre-wrap; overflow-wrap: anywhere; }
.lp-bubble-template[data-kind="choice"] .lp-text { font-size: 14.5px; color: var(--lp-text); }
.lp-buttons { margin-top: auto; display: flex; flex-direction: column; }
.lp-buttons-row { flex-direction: row; flex-wrap: wrap; }
.lp-button {
  position: relative; min-height: 44px; padding: 8px 14px; display: flex; align-items: center; justify-content: center;
  gap: 6px; border-top: 1px solid var(--lp-sep); color: var(--lp-button); font-size: 14.5px; text-align: center;
  overflow-wrap: anywhere; cursor: default;
}
.lp-buttons-row > .lp-button { flex: 1 1 0; }
.lp-buttons-row > .lp-button + .lp-button { border-left: 1px solid var(--lp-sep); }
.lp-button .lp-icon { width: 13px; height: 13px; opacity: 0.7; }
.lp-button[data-action="unsupported"] .lp-button-label { text-decoration: line-through; color: var(--lp-sub); }
.lp-button[data-beyond-limit], .lp-column[data-beyond-limit] { opacity: 0.45; }
.lp-limit-line {
  padding: 4px 10px; border-top: 2px dashed var(--lp-error); color: var(--lp-error); font-size: 11px; text-align: center;
}
.lp-missing { font-style: italic; color: var(--lp-sub); }

.lp-media { position: relative; width: 100%; overflow: hidden; background: var(--lp-placeholder-bg); }
.lp-shape-rectangle { aspect-ratio: 1.51 / 1; }
.lp-shape-square { aspect-ratio: 1 / 1; }
.lp-shape-photo { width: 220px; aspect-ratio: 4 / 3; border-radius: 17px; }
.lp-shape-video { width: 240px; aspect-ratio: 16 / 9; border-radius: 17px; background: #20232a; }
.lp-shape-video .lp-media-placeholder { justify-content: flex-end; padding-bottom: 8px; color: #c9ced8; }
.lp-shape-video .lp-media-placeholder .lp-icon { display: none; }
.lp-shape-sticker { width: 150px; height: 150px; background: transparent; border: 1.5px dashed var(--lp-sticker-border); border-radius: 16px; }
.lp-shape-sticker .lp-media-placeholder { color: var(--lp-pill-text); justify-content: flex-end; padding-bottom: 10px; }
.lp-media-placeholder {
  position: absolute; inset: 0; padding: 10px; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 3px; text-align: center; font-size: 11px; color: var(--lp-placeholder-text);
}
.lp-media-placeholder .lp-icon { width: 30px; height: 30px; opacity: 0.55; }
.lp-media-label { font-size: 12px; font-weight: 700; }
.lp-media-url { max-width: 100%; overflow-wrap: anywhere; opacity: 0.85; }
.lp-media-img { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.lp-fit-cover { object-fit: cover; }
.lp-fit-contain { object-fit: contain; }
.lp-media-img::after {
  content: attr(data-label) "\A" attr(data-detail); position: absolute; inset: 0; padding: 10px; display: flex;
  align-items: center; justify-content: center; white-space: pre-line; text-align: center; overflow-wrap: anywhere;
  background: var(--lp-placeholder-bg); color: var(--lp-placeholder-text); font: 600 11.5px/1.45 Arial, sans-serif;
}
.lp-shape-sticker > .lp-media-img::after { border-radius: 16px; background: var(--lp-chat-bg); color: var(--lp-pill-text); }
.lp-shape-video > .lp-media-img::after { align-items: flex-end; padding-bottom: 8px; background: #20232a; color: #c9ced8; }
.lp-media[data-loaded="true"] > .lp-media-placeholder { visibility: hidden; }
.lp-play {
  position: absolute; left: 50%; top: 50%; width: 50px; height: 50px; transform: translate(-50%, -50%);
  display: flex; align-items: center; justify-content: center; border-radius: 50%; border: 2px solid #ffffff;
  background: rgba(0, 0, 0, 0.5); color: #ffffff;
}
.lp-root .lp-play .lp-icon { width: 26px; height: 26px; margin-left: 3px; }

.lp-audio {
  width: 210px; padding: 10px 14px; display: flex; align-items: center; gap: 10px; border-radius: 19px;
  background: var(--lp-bubble); color: var(--lp-text);
}
.lp-audio-play { width: 30px; height: 30px; display: flex; align-items: center; justify-content: center; border-radius: 50%; background: var(--lp-accent); color: #ffffff; }
.lp-audio-track { flex: 1; height: 4px; border-radius: 2px; background: var(--lp-sep); }
.lp-audio-time { font-size: 12px; color: var(--lp-sub); font-variant-numeric: tabular-nums; }
.lp-file {
  width: 220px; padding: 10px 14px; display: grid; grid-template-columns: auto 1fr; column-gap: 10px;
  border-radius: 19px; background: var(--lp-bubble); color: var(--lp-text); font-size: 13px;
}
.lp-root .lp-file .lp-icon { width: 30px; height: 30px; grid-row: span 2; color: var(--lp-sub); }
.lp-file-name { font-weight: 700; overflow-wrap: anywhere; }
.lp-file-note { font-size: 11px; color: var(--lp-sub); }

.lp-location { width: 245px; padding: 0; overflow: hidden; white-space: normal; }
.lp-map {
  position: relative; height: 112px; background-color: var(--lp-map);
  background-image:
    linear-gradient(90deg, transparent 46%, var(--lp-road) 46%, var(--lp-road) 52%, transparent 52%),
    linear-gradient(0deg, transparent 58%, var(--lp-road) 58%, var(--lp-road) 63%, transparent 63%),
    linear-gradient(35deg, transparent 72%, var(--lp-water) 72%),
    linear-gradient(120deg, transparent 30%, var(--lp-road) 30%, var(--lp-road) 33%, transparent 33%);
}
.lp-pin { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -85%); color: var(--lp-error); }
.lp-root .lp-pin .lp-icon { width: 34px; height: 34px; filter: drop-shadow(0 2px 2px rgba(0, 0, 0, 0.3)); }
.lp-location-body { padding: 9px 13px 11px; }
.lp-location-title { font-size: 14.5px; font-weight: 700; overflow-wrap: anywhere; }
.lp-location-address { margin-top: 2px; font-size: 12.5px; color: var(--lp-sub); overflow-wrap: anywhere; }
.lp-location-coords { margin-top: 3px; font-size: 11px; color: var(--lp-sub); font-variant-numeric: tabular-nums; }

.lp-carousel {
  width: 100%; padding: 2px 10px 8px 0; display: flex; align-items: stretch; gap: 8px; overflow-x: auto;
  scroll-snap-type: x mandatory; scrollbar-width: thin;
}
.lp-column { flex: 0 0 232px; display: flex; flex-direction: column; scroll-snap-align: start; }
.lp-column > .lp-template { flex: 1; }
.lp-quick-replies { display: flex; flex-wrap: wrap; gap: 6px; max-width: 100%; }
.lp-quick-caption { width: 100%; font-size: 10px; color: var(--lp-time); }
.lp-button.lp-chip { min-height: 32px; padding: 5px 12px; border: 1px solid var(--lp-sep); border-radius: 16px; background: var(--lp-card); font-size: 13px; }

.lp-sticker { width: 150px; }
.lp-transcoded { white-space: normal; }
.lp-transcoded-label {
  display: inline-block; margin-bottom: 6px; padding: 2px 7px; border-radius: 6px; font-size: 10px; font-weight: 700;
  letter-spacing: 0.04em; text-transform: uppercase; background: var(--lp-tag-bg); color: var(--lp-tag-text);
}
.lp-line { white-space: pre-wrap; }
.lp-line-title { font-weight: 700; }
.lp-line-heading { margin-top: 6px; font-weight: 700; font-size: 13.5px; }
.lp-transcoded-note, .lp-other-detail { margin-top: 8px; padding-top: 6px; border-top: 1px solid var(--lp-sep); font-size: 11px; color: var(--lp-sub); }
.lp-other { border: 1.5px dashed var(--lp-sub); white-space: normal; }
.lp-other-title { font-size: 13.5px; font-weight: 700; }

.lp-root [data-problem] { position: relative; outline: 2px solid var(--lp-error); outline-offset: -2px; cursor: pointer; }
.lp-root [data-problem="warning"] { outline: 2px dashed var(--lp-warning); }
.lp-root [data-problem]::after {
  content: "!"; position: absolute; top: 4px; right: 4px; z-index: 2; width: 16px; height: 16px; border-radius: 50%;
  background: var(--lp-error); color: #ffffff; font: 700 11px/16px Arial, sans-serif; text-align: center;
}
.lp-root [data-problem="warning"]::after { background: var(--lp-warning); }
.lp-root .lp-title[data-problem], .lp-root .lp-text[data-problem] { outline-offset: 3px; border-radius: 2px; padding-right: 20px; }
.lp-root .lp-title[data-problem]::after, .lp-root .lp-text[data-problem]::after { top: 0; right: 0; }
.lp-button[data-problem] { padding-right: 26px; padding-left: 26px; }
.lp-note {
  max-width: 285px; margin-top: 4px; padding: 5px 8px; display: flex; align-items: flex-start; gap: 6px;
  border-left: 3px solid var(--lp-error); border-radius: 8px; background: var(--lp-note-bg); color: var(--lp-text);
  font-size: 11.5px; line-height: 1.35; white-space: normal; text-align: left; cursor: pointer;
}
.lp-template .lp-note { margin: 4px 8px; }
.lp-root .lp-note .lp-icon { width: 13px; height: 13px; margin-top: 1px; color: var(--lp-error); }
.lp-note[data-severity="warning"] { border-left-color: var(--lp-warning); }
.lp-root .lp-note[data-severity="warning"] .lp-icon { color: var(--lp-warning); }
.lp-note[data-severity="info"] { border-left-color: var(--lp-info); }
.lp-root .lp-note[data-severity="info"] .lp-icon { color: var(--lp-info); }
.lp-overflow { background: var(--lp-overflow-bg); color: inherit; border-bottom: 2px solid var(--lp-error); }
[data-problem="warning"] .lp-overflow { border-bottom-color: var(--lp-warning); }
.lp-cut { display: inline-block; width: 2px; height: 1.15em; margin: 0 1px; vertical-align: text-bottom; background: var(--lp-error); }
`;
