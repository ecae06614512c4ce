import { flexRules } from './flexRules';
import type { InnerRule } from './innerRule';
import { templateRules } from './templateRules';
import { emojiRules, imagemapRules, quickReplyRules, textV2Rules } from './textRules';

export type { InnerFinding, InnerRule } from './innerRule';

/** LINE's documented rules that its OpenAPI file (and so our generated schema) does not state. */
export const lineMessageRules: readonly InnerRule[] = [templateRules, flexRules, quickReplyRules, emojiRules, textV2Rules, imagemapRules];
