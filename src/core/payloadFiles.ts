/** Files that are payloads by their name; package.json's jsonValidation says the same for VS Code's JSON service. */
export const payloadFileGlobs = ['**/*.line.json', '**/*.convapi.json'] as const;

export const payloadFilePattern = /\.(line|convapi)\.json$/i;

/** Editors may save a byte order mark; the API's JSON parser would not see one, so neither do the checks. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
