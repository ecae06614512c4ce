import { buttonRules } from './buttonRules';
import { carouselRules } from './carouselRules';
import { channelPropertyRules } from './channelPropertyRules';
import { explicitLineRules } from './explicitLineRules';
import { lengthRules } from './lengthRules';
import { mediaRules } from './mediaRules';
import { messageShapeRules } from './messageShapeRules';
import type { Rule } from './ruleContext';
import { ttlRules } from './ttlRules';

export const allRules: readonly Rule[] = [
  messageShapeRules,
  lengthRules,
  buttonRules,
  carouselRules,
  mediaRules,
  channelPropertyRules,
  explicitLineRules,
  ttlRules,
];
