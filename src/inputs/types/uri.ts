/** URI: the text, which must match Kestra's URI pattern (`scheme://host.tld/...`). */
import { JavaFailure } from "../java.js";
import { type InputTypeHandler, text } from "./shared.js";

const URI_PATTERN =
  /^[a-z]+:\/\/(?:www\.)?[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b(?:[-a-zA-Z0-9()@:%_+.~#?&/=]*)$/;

export const uriInput: InputTypeHandler = {
  parse: (value) => {
    const uri = text(value);
    if (!URI_PATTERN.test(uri)) throw new JavaFailure(`Expected \`URI\` but received \`${uri}\``);
    return uri;
  },
};
