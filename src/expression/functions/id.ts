/**
 * `id()`: Kestra's id (IdUtils.create, FriendlyId): a random v4 UUID as an unsigned 128-bit
 * integer in base62, so 1 to 22 characters of [0-9A-Za-z].
 */
import { defineFunction } from "../extension.js";
import { base62, bytesToBigInt, uuidV4Bytes } from "./support/ids.js";

export default defineFunction({ name: "id", args: [], call: () => base62(bytesToBigInt(uuidV4Bytes())) });
