import type { Environment } from '../conversation/environment';
import { authUrl, conversationBaseUrl, defaultAuthUrl } from '../conversation/environment';

/** POSIX shell single-quoting: the body goes into the command exactly as it is. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The same send as a cURL command. The token is never written out: the first command gets one with the key ID
 * and $SINCH_KEY_SECRET from the shell and keeps it in $SINCH_TOKEN.
 */
export function curlSnippet(env: Pick<Environment, 'projectId' | 'keyId' | 'region' | 'conversationUrl' | 'authUrl'>, body: unknown): string {
  const url = `${conversationBaseUrl(env)}/v1/projects/${env.projectId}/messages:send`;
  const json = JSON.stringify(body, null, 2);
  return [
    `# Get a token (needs SINCH_KEY_SECRET in the environment; requires jq)`,
    `SINCH_TOKEN=$(curl -s -X POST ${shellQuote(authUrl(env))} -u ${shellQuote(env.keyId)}":$SINCH_KEY_SECRET" -d grant_type=client_credentials | jq -r .access_token)`,
    '',
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H "Authorization: Bearer $SINCH_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw ${shellQuote(json)}`,
    '',
  ].join('\n');
}

/** The same send with the Sinch Node SDK (@sinch/sdk-core), which gets its token by itself. */
export function sdkSnippet(env: Pick<Environment, 'projectId' | 'keyId' | 'region' | 'conversationUrl' | 'authUrl'>, body: unknown): string {
  const json = JSON.stringify(body, null, 2).replace(/\n/g, '\n  ');
  const notes: string[] = [];
  if (env.conversationUrl || (env.authUrl && env.authUrl !== defaultAuthUrl)) {
    notes.push(`// This environment points at ${env.conversationUrl ?? ''} ${env.authUrl ?? ''}; the SDK below uses Sinch's own hosts.`.replace(/\s+;/, ';'));
  }
  return [
    `// npm install @sinch/sdk-core`,
    ...notes,
    `import { SinchClient } from '@sinch/sdk-core';`,
    '',
    `const sinch = new SinchClient({`,
    `  projectId: ${JSON.stringify(env.projectId)},`,
    `  keyId: ${JSON.stringify(env.keyId)},`,
    `  keySecret: process.env.SINCH_KEY_SECRET,`,
    `  conversationRegion: ${JSON.stringify(env.region)},`,
    `});`,
    '',
    `const sendMessageRequestBody = ${json};`,
    '',
    `const response = await sinch.conversation.messages.send({ sendMessageRequestBody });`,
    `console.log(response.message_id, response.accepted_time);`,
    '',
  ].join('\n');
}
