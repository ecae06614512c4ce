import { lineExplicit, sendMessage } from 'convapi-line:validators';
import { SchemaValidator } from './schemaValidator';

const sendMessageChecker = new SchemaValidator(sendMessage);
const lineExplicitChecker = new SchemaValidator(lineExplicit);

/** The `messages:send` body schema. */
export function sendMessageValidator(): SchemaValidator {
  return sendMessageChecker;
}

/** LINE's message objects inside `explicit_channel_message.LINE`. */
export function lineExplicitValidator(): SchemaValidator {
  return lineExplicitChecker;
}
