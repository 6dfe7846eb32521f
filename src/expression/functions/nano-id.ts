/**
 * `nanoId(length=21, alphabet='0-9A-Za-z-_')`: a NanoID the way Kestra builds it: each
 * character is `alphabet[signedRandomByte & (alphabet.length - 1)]`, so only power-of-two
 * alphabets are uniform. As in Kestra, `length` is only honoured when it is a Long (a
 * literal), and `alphabet` only when it is a string.
 */
import { defineFunction } from "../extension.js";
import { numberKind } from "../values.js";
import { fail } from "./support/args.js";
import { BASE62, randomBytes } from "./support/ids.js";

const DEFAULT_LENGTH = 21;
const DEFAULT_ALPHABET = `${BASE62}-_`;
const MAX_LENGTH = 1000;

export default defineFunction({
  name: "nanoId",
  args: ["length", "alphabet"],
  call(args) {
    let length = DEFAULT_LENGTH;
    const requested = args.length;
    if ((typeof requested === "number" || typeof requested === "bigint") && numberKind(requested) === "Long") {
      if (requested > MAX_LENGTH) {
        throw fail("expression.argument", `The 'nanoId()' function field 'length' must be lower than: ${MAX_LENGTH}`);
      }
      if (requested < 0)
        throw fail("expression.argument", `The 'nanoId()' function field 'length' must not be negative`);
      length = Number(requested);
    }
    const alphabet = (typeof args.alphabet === "string" ? args.alphabet : DEFAULT_ALPHABET).split("");
    if (alphabet.length === 0)
      throw fail("expression.argument", "The 'nanoId()' function field 'alphabet' must not be empty");
    const mask = alphabet.length - 1;
    return Array.from(randomBytes(length), (byte) => alphabet[((byte << 24) >> 24) & mask] ?? "").join("");
  },
});
