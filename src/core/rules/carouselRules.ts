import { lineLimits } from '../line/limits';
import { childPointer } from '../json/pointer';
import { isObject } from '../payload/messageKinds';
import type { Rule } from './ruleContext';

const pointer = '/message/carousel_message/cards';

export const carouselRules: Rule = (ctx) => {
  const carousel = ctx.anatomy.message?.carousel_message;
  if (!isObject(carousel) || !Array.isArray(carousel.cards)) return;
  const cards = carousel.cards;
  if (cards.length > lineLimits.carouselCards) {
    ctx.report({
      code: 'carousel.too-many-cards',
      severity: 'error',
      pointer,
      span: 'key',
      message: `The carousel has ${cards.length} cards; LINE allows at most ${lineLimits.carouselCards}.`,
      data: { limit: lineLimits.carouselCards, actual: cards.length },
    });
  }
  const columns = ctx.anatomy.cards.filter((c) => c.carouselIndex !== undefined);
  if (columns.length < 2) return;

  // LINE's carousel template refuses columns that differ in button count or in having an image or a title.
  const counts = columns.map((c) => (Array.isArray(c.card.choices) ? c.card.choices.length : 0));
  const expected = mostCommon(counts);
  columns.forEach((c, i) => {
    if (counts[i] !== expected) {
      ctx.report({
        code: 'carousel.uneven-buttons',
        severity: 'warning',
        pointer: Array.isArray(c.card.choices) ? childPointer(c.pointer, 'choices') : c.pointer,
        span: 'key',
        message: `Carousel card ${c.carouselIndex! + 1} has ${counts[i]} button${counts[i] === 1 ? '' : 's'} but most cards have ${expected}; LINE needs the same number of buttons on every card.`,
        data: { expected, actual: counts[i] },
      });
    }
  });
  const hasImage = columns.map((c) => isObject(c.card.media_message) && typeof c.card.media_message.url === 'string' && c.card.media_message.url !== '');
  const hasTitle = columns.map((c) => typeof c.card.title === 'string' && c.card.title !== '');
  reportOddOnes(hasImage, 'an image', 'carousel.uneven-image', 'media_message');
  reportOddOnes(hasTitle, 'a title', 'carousel.uneven-title', 'title');

  /** Underlines the odd part itself where the card has it, and the card's first line where it lacks it. */
  function reportOddOnes(flags: boolean[], what: string, code: string, property: string) {
    const majority = mostCommon(flags);
    flags.forEach((flag, i) => {
      if (flag === majority) return;
      const c = columns[i]!;
      ctx.report({
        code,
        severity: 'warning',
        pointer: flag ? childPointer(c.pointer, property) : c.pointer,
        span: 'key',
        message: `Carousel card ${c.carouselIndex! + 1} ${flag ? 'has' : 'lacks'} ${what} while most cards ${flag ? 'lack' : 'have'} one; LINE needs all cards to have ${what} or none.`,
      });
    });
  }
};

function mostCommon<T>(values: readonly T[]): T {
  let best = values[0] as T;
  // Most carousels are even: one pass tells, with no map and no iterator.
  let even = true;
  for (let i = 1; i < values.length && even; i++) even = values[i] === best;
  if (even) return best;
  const counts = new Map<T, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
  let bestCount = counts.get(best) ?? 0;
  // forEach, not entries(): no [value, count] pair is made per entry.
  counts.forEach((n, v) => {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  });
  return best;
}
