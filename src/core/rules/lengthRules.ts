import { hasPlaceholder, withoutPlaceholders } from '../payload/placeholders';
import { type LimitedString, limitedStrings } from '../line/limits';
import { lineLength } from '../line/textLength';
import type { Rule, RuleContext } from './ruleContext';

export const lengthRules: Rule = (ctx) => {
  for (const s of limitedStrings(ctx.payload, ctx.anatomy, { overLimitOnly: true })) {
    const length = lineLength(s.value, s.unit);
    if (length <= s.limit) {
      // Over in UTF-16 code units only: LINE takes it (it counts each emoji as one here).
      if (s.unit === 'grapheme') reportCountedByLineOnly(ctx, s, length);
      continue;
    }
    // A placeholder's value is unknown until send time: the written length is only an estimate. It stays an error
    // when the text is over the limit even with every placeholder filled in with nothing.
    const estimated = hasPlaceholder(s.value);
    const least = estimated ? lineLength(withoutPlaceholders(s.value), s.unit) : length;
    const overAnyway = estimated && least > s.limit;
    const severity = estimated && !overAnyway && s.severity === 'error' ? 'warning' : s.severity;
    const why = s.note ? ` (${s.note})` : '';
    const estimate = estimated ? ` counting {{placeholders}} as written${overAnyway ? ` (${least} without them)` : ''}` : '';
    // Said only where it changes the number: an editor's column count would otherwise disagree.
    const counted = s.unit === 'grapheme' && length !== s.value.length ? ' (counted as LINE does here: each emoji is one)' : '';
    ctx.report({
      code: s.code,
      severity,
      pointer: s.pointer,
      message: `${s.label} is ${length} characters${counted}${estimate}; LINE allows at most ${s.limit}${why}.`,
      data: { limit: s.limit, actual: length, unit: s.unit },
    });
  }
};

/**
 * LINE counts template texts and labels in grapheme clusters (https://developers.line.biz/en/docs/messaging-api/text-character-count/),
 * so it takes this text; the Conversation API, which turns the card or choice into LINE's template, states its limit
 * in "characters" without saying how it counts them. A warning, with the UTF-16 count as the safe side's limit, so
 * that its quick fix cuts to what both accept.
 */
function reportCountedByLineOnly(ctx: RuleContext, s: LimitedString, length: number): void {
  ctx.report({
    code: s.code,
    severity: 'warning',
    pointer: s.pointer,
    message: `${s.label} is ${length} characters as LINE counts them (each emoji is one), within its ${s.limit}, but ${s.value.length} UTF-16 code units: the Conversation API does not say how it counts its limit of ${s.limit}.`,
    // lineAccepts: the preview draws no cut mark for it, since LINE shows the whole text.
    data: { limit: s.limit, actual: s.value.length, unit: 'utf16', lineAccepts: true },
  });
}
