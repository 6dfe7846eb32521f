/** `decrypt(key, encrypted)`: the inverse of encrypt(). */
import { defineFunction } from "../extension.js";
import { cipherArgs, decrypt } from "./support/encryption.js";

export default defineFunction({
  name: "decrypt",
  args: ["key", "encrypted"],
  call(args) {
    const { key, text } = cipherArgs(args, "decrypt", "encrypted");
    return decrypt(key, text);
  },
});
