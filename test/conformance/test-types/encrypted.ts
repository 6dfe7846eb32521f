/**
 * io.kestra.core.tasks.test.Encrypted (Kestra's core/src/test): outputs `format` (as written:
 * Kestra does not render it) as an EncryptedString, `{type: io.kestra.datatype:aes_encrypted,
 * value}`, encrypted with the configured key. The harness's configuration is Kestra's test
 * configuration, whose `kestra.encryption.secret-key` is TEST_ENCRYPTION_KEY.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

/** `kestra.encryption.secret-key` of Kestra's core/src/test/resources/application-test.yml. */
export const TEST_ENCRYPTION_KEY = "I6EGNzRESu3X3pKZidrqCGOHQFUFC0yK";

/** Kestra's EncryptedString.TYPE. */
export const ENCRYPTED_TYPE = "io.kestra.datatype:aes_encrypted";

export default defineRunnableTask({
  type: "io.kestra.core.tasks.test.Encrypted",
  title: "Test only: return `format` as an encrypted string.",
  properties: z.strictObject({
    format: z.string().optional(),
  }),
  outputs: z.object({
    value: z.object({ value: z.string().nullable(), type: z.literal(ENCRYPTED_TYPE) }),
  }),
  async run(context) {
    const format = context.properties.format;
    const value = format === undefined ? null : context.encrypt(String(format));
    return { outputs: { value: { value, type: ENCRYPTED_TYPE } } };
  },
});
