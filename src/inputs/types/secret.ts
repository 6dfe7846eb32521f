/**
 * SECRET: the text, encrypted with Kestra's EncryptionService (an error when no key is
 * configured). `validator` applies to the text as provided.
 */
import { EXCEPTION, JavaFailure } from "../java.js";
import { type InputTypeHandler, patternViolation, text } from "./shared.js";

export const secretInput: InputTypeHandler = {
  parse: async (value, { deps }) => {
    if (!deps.encryptSecret) {
      throw new JavaFailure("Unable to use a `SECRET` input/output as encryption is not configured", EXCEPTION);
    }
    return deps.encryptSecret(text(value));
  },
  validate: (_value, input, raw) => patternViolation(input, text(raw)),
};
