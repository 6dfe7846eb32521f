/** `encrypt(key, plaintext)`: AES-GCM with a base64 key, base64 output (Kestra's EncryptionService). */
import { defineFunction } from "../extension.js";
import { cipherArgs, encrypt } from "./support/encryption.js";

export default defineFunction({
  name: "encrypt",
  args: ["key", "plaintext"],
  call(args) {
    const { key, text } = cipherArgs(args, "encrypt", "plaintext");
    return encrypt(key, text);
  },
});
