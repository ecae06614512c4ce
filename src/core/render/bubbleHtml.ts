import { escapeHtml } from './escape';
import { icons } from './icons';
import type { BubbleView } from './lineView';
import { limitedText, pointerAttribute, problemAttribute, problemNotes } from './marks';
import { mediaBox } from './mediaBox';
import type { ProblemBoard } from './problemBoard';
import { buttonHtml, templateHtml } from './templateHtml';

export interface BubbleHtml {
  html: string;
  /** Shown under the bubble: its problem notes, a carousel's quick replies. */
  below: string;
  /** Spans the chat width (a carousel scrolls under the whole row) instead of sitting in a bubble column. */
  wide: boolean;
  /** LINE prints the time beside a message, except beside a carousel. */
  timed: boolean;
}

export function bubbleHtml(b: BubbleView, board: ProblemBoard): BubbleHtml {
  // A card carries its problems on the card itself; every other bubble carries them on the bubble.
  const problems = b.kind === 'card' ? [] : board.take(b);
  const hook = (extra = '') =>
    ` data-part="bubble" data-kind="${b.kind}"${extra}${pointerAttribute(b)}${problemAttribute(problems)}`;
  const notes = problemNotes(problems);
  const timed = (html: string): BubbleHtml => ({ html, below: notes, wide: false, timed: true });

  switch (b.kind) {
    case 'text':
      return timed(`<div class="lp-bubble lp-bubble-text"${hook()}>${limitedText(b.text, board)}</div>`);
    case 'media':
      return timed(`<div class="lp-bubble-media lp-media-${b.media}"${hook(` data-media="${b.media}"`)}>${mediaContent(b)}</div>`);
    case 'choice':
      return timed(`<div class="lp-bubble-template"${hook()}>${templateHtml(b.template, board, false).html}</div>`);
    case 'card': {
      const card = templateHtml(b.template, board, true);
      return { html: `<div class="lp-bubble-template"${hook()}>${card.html}</div>`, below: card.notes, wide: false, timed: true };
    }
    case 'carousel': {
      const limit = b.columnsPointer === undefined ? undefined : board.limitAt({ pointer: b.columnsPointer });
      const columns = b.columns
        .map((column, i) => {
          const beyond = limit !== undefined && i >= limit ? ' data-beyond-limit="true"' : '';
          const card = templateHtml(column, board, true);
          return `<div class="lp-column"${beyond}>${card.html}${card.notes}</div>`;
        })
        .join('');
      const quickReplies = b.quickReplies.length === 0
        ? ''
        : `<div class="lp-quick-replies" data-part="quick-replies"><div class="lp-quick-caption">Carousel-level choices (outside the columns; Sinch does not document how LINE shows them)</div>` +
          b.quickReplies.map((q) => buttonHtml(q, board, false, ' lp-chip')).join('') + `</div>`;
      return { html: `<div class="lp-carousel"${hook()}>${columns}</div>`, below: notes + quickReplies, wide: true, timed: false };
    }
    case 'location': {
      const title = b.title?.value ? limitedText(b.title, board) : '<span class="lp-missing">(no title)</span>';
      const address = b.address ? `<div class="lp-location-address">${limitedText(b.address, board)}</div>` : '';
      const where = b.latitude !== undefined && b.longitude !== undefined ? `<div class="lp-location-coords">${b.latitude.toFixed(5)}, ${b.longitude.toFixed(5)}</div>` : '';
      return timed(
        `<div class="lp-bubble lp-location"${hook()}><div class="lp-map" aria-hidden="true"><span class="lp-pin">${icons.location}</span></div>` +
          `<div class="lp-location-body"><div class="lp-location-title">${title}</div>${address}${where}</div></div>`,
      );
    }
    case 'sticker': {
      const url = /^\d+$/.test(b.stickerId) ? `https://stickershop.line-scdn.net/stickershop/v1/sticker/${b.stickerId}/android/sticker.png` : '';
      const box = mediaBox({ url, shape: 'sticker', fit: 'contain', label: `Sticker ${b.packageId}/${b.stickerId}`, attributes: ' data-part="image"' });
      return timed(`<div class="lp-sticker"${hook()}>${box}</div>`);
    }
    case 'transcoded': {
      const lines = b.lines.map((l) => `<div class="lp-line lp-line-${l.style}">${limitedText(l, board)}</div>`).join('');
      return timed(
        `<div class="lp-bubble lp-transcoded"${hook()}><div class="lp-transcoded-label">Transcoded · ${escapeHtml(b.from)} → text</div>${lines}` +
          `<div class="lp-transcoded-note">${escapeHtml(b.note)}</div></div>`,
      );
    }
    case 'other':
      return timed(`<div class="lp-bubble lp-other"${hook()}><div class="lp-other-title">${escapeHtml(b.title)}</div><div class="lp-other-detail">${escapeHtml(b.detail)}</div></div>`);
  }
}

function mediaContent(b: Extract<BubbleView, { kind: 'media' }>): string {
  const attributes = ` data-part="image"${pointerAttribute(b.url)}`;
  switch (b.media) {
    case 'image':
      return mediaBox({ url: b.url.value, shape: 'photo', fit: 'cover', label: 'Image', attributes, natural: true });
    case 'video':
      return mediaBox({
        url: b.preview?.value ?? '',
        shape: 'video',
        fit: 'cover',
        label: b.preview ? 'Video thumbnail' : 'Video without thumbnail',
        attributes,
        overlay: `<span class="lp-play">${icons.play}</span>`,
        natural: true,
      });
    case 'audio':
      return `<div class="lp-audio"><span class="lp-audio-play">${icons.play}</span><span class="lp-audio-track"><span class="lp-audio-progress"></span></span>` +
        `<span class="lp-audio-time">${durationText(b.durationMs)}</span></div>`;
    case 'file': {
      const name = b.url.value.replace(/[?#].*$/, '').split('/').pop() || b.url.value;
      return `<div class="lp-file">${icons.file}<span class="lp-file-name">${escapeHtml(name)}</span><span class="lp-file-note">LINE cannot show this file type</span></div>`;
    }
  }
}

function durationText(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '--:--';
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
