import sendMessageSchema from '../../../schemas/send-message.schema.json';
import lineExplicitMessageSchema from '../../../schemas/line-explicit-message.schema.json';
import { SchemaValidator } from './schemaValidator';

let sendMessage: SchemaValidator | undefined;
let lineExplicit: SchemaValidator | undefined;

/** The `messages:send` body schema, compiled on first use. */
export function sendMessageValidator(): SchemaValidator {
  return (sendMessage ??= new SchemaValidator(sendMessageSchema));
}

/** LINE's message objects inside `explicit_channel_message.LINE`, compiled on first use. */
export function lineExplicitValidator(): SchemaValidator {
  return (lineExplicit ??= new SchemaValidator(lineExplicitMessageSchema));
}

export { sendMessageSchema, lineExplicitMessageSchema };
