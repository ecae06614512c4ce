import { validate as callback } from 'convapi-line:validators/callback';
import { validate as lineExplicit } from 'convapi-line:validators/lineExplicit';
import { validate as sendMessage } from 'convapi-line:validators/sendMessage';
import { SchemaValidator } from './schemaValidator';

const sendMessageChecker = new SchemaValidator(sendMessage);
const lineExplicitChecker = new SchemaValidator(lineExplicit);
const callbackChecker = new SchemaValidator(callback);

/** The `messages:send` body schema. */
export function sendMessageValidator(): SchemaValidator {
  return sendMessageChecker;
}

/** LINE's message objects inside `explicit_channel_message.LINE`. */
export function lineExplicitValidator(): SchemaValidator {
  return lineExplicitChecker;
}

/** A Conversation API callback (`*.callback.json`: the simulator's samples and the user's own). */
export function callbackValidator(): SchemaValidator {
  return callbackChecker;
}
