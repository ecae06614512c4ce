import { lineLimits } from '../line/limits';
import { childPointer } from '../json/pointer';
import type { ChoicePart } from '../payload/anatomy';
import { choiceKinds, choiceKindsUnsupportedOnLine, isObject } from '../payload/messageKinds';
import type { Rule, RuleContext } from './ruleContext';

export const buttonRules: Rule = (ctx) => {
  const message = ctx.anatomy.message;
  if (!message) return;

  if (isObject(message.choice_message)) {
    checkCount(ctx, message.choice_message.choices, '/message/choice_message/choices', lineLimits.choiceButtons, 'choice.too-many-buttons', 'A choice message');
  }
  if (isObject(message.carousel_message)) {
    checkCount(ctx, message.carousel_message.choices, '/message/carousel_message/choices', lineLimits.carouselChoices, 'carousel.too-many-choices', 'The carousel (outside its cards)', 'the Conversation API');
  }
  const { cards, choices } = ctx.anatomy;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    const inCarousel = card.carouselIndex !== undefined;
    const limit = inCarousel ? lineLimits.carouselCardButtons : lineLimits.cardButtons;
    // The pointer and name are built only for a card over its limit: most cards are within it.
    if (!Array.isArray(card.card.choices) || card.card.choices.length <= limit) continue;
    checkCount(
      ctx,
      card.card.choices,
      childPointer(card.pointer, 'choices'),
      limit,
      inCarousel ? 'carousel.card.too-many-buttons' : 'card.too-many-buttons',
      inCarousel ? `Carousel card ${card.carouselIndex! + 1}` : 'A card',
    );
  }
  for (let i = 0; i < choices.length; i++) checkChoice(ctx, choices[i]!);
};

function checkCount(ctx: RuleContext, choices: unknown, pointer: string, limit: number, code: string, owner: string, authority = 'LINE') {
  if (!Array.isArray(choices) || choices.length <= limit) return;
  ctx.report({
    code,
    severity: 'error',
    pointer,
    span: 'key',
    message: `${owner} has ${choices.length} buttons; ${authority} allows at most ${limit}.`,
    data: { limit, actual: choices.length },
  });
}

function checkChoice(ctx: RuleContext, choice: ChoicePart) {
  // Only known actions count: a misspelt one ("txt_message") is an unknown property, and leaves the choice empty.
  // The usual choice holds exactly one, known without listing its keys.
  let known = 0;
  for (let i = 0; i < choiceKinds.length; i++) if (Object.hasOwn(choice.choice, choiceKinds[i]!)) known++;
  if (known === 1) {
    reportUnsupported(ctx, choice);
    return;
  }
  const actionKinds = Object.keys(choice.choice).filter((k) => (choiceKinds as readonly string[]).includes(k));
  if (actionKinds.length === 0) {
    ctx.report({ code: 'choice.empty', severity: 'error', pointer: choice.pointer, message: 'This choice has no action: give one of text_message, url_message, call_message, location_message.' });
    return;
  }
  if (actionKinds.length > 1) {
    ctx.report({
      code: 'choice.multiple-actions',
      severity: 'error',
      pointer: childPointer(choice.pointer, actionKinds[1]!),
      span: 'key',
      message: `A choice holds exactly one action, but this one has ${actionKinds.join(' and ')}.`,
    });
  }
  reportUnsupported(ctx, choice);
}

function reportUnsupported(ctx: RuleContext, choice: ChoicePart) {
  if (choice.kind && choiceKindsUnsupportedOnLine.has(choice.kind)) {
    ctx.report({
      code: 'choice.unsupported-on-line',
      severity: 'warning',
      pointer: childPointer(choice.pointer, choice.kind),
      span: 'key',
      message: `LINE has no button for ${choice.kind}: the Conversation API cannot show it as designed on LINE. Use a url_message or text_message choice.`,
    });
  }
}
