import { hasPlaceholder, withoutPlaceholders } from '../payload/placeholders';
import { limitedStrings } from '../line/limits';
import { lineLength } from '../line/textLength';
import type { Rule } from './ruleContext';

export const lengthRules: Rule = (ctx) => {
  for (const s of limitedStrings(ctx.payload, ctx.anatomy, { overLimitOnly: true })) {
    const length = lineLength(s.value);
    if (length <= s.limit) continue;
    // A placeholder's value is unknown until send time: the written length is only an estimate. It stays an error
    // when the text is over the limit even with every placeholder filled in with nothing.
    const estimated = hasPlaceholder(s.value);
    const least = estimated ? lineLength(withoutPlaceholders(s.value)) : length;
    const overAnyway = estimated && least > s.limit;
    const severity = estimated && !overAnyway && s.severity === 'error' ? 'warning' : s.severity;
    const why = s.note ? ` (${s.note})` : '';
    const estimate = estimated ? ` counting {{placeholders}} as written${overAnyway ? ` (${least} without them)` : ''}` : '';
    ctx.report({
      code: s.code,
      severity,
      pointer: s.pointer,
      message: `${s.label} is ${length} characters${estimate}; LINE allows at most ${s.limit}${why}.`,
      data: { limit: s.limit, actual: length },
    });
  }
};
