/** docs/rules.md, relative to the package root: one `### <code>` section per diagnostic code. */
export const ruleDocsPath = 'docs/rules.md';

/** The 0-based line of each code's `### code` heading in the rules page. */
export function ruleSections(markdown: string): Map<string, number> {
  const sections = new Map<string, number>();
  markdown.split(/\r?\n/).forEach((line, index) => {
    const heading = /^### ([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)\s*$/.exec(line);
    if (heading) sections.set(heading[1]!, index);
  });
  return sections;
}

/** GitHub's anchor for a `### code` heading: dots dropped, the rest kept (`card.title.too-long` → `cardtitletoo-long`). */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 _-]/g, '');
}
