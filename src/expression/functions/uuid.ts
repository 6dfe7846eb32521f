/**
 * `uuid()`: a random UUID in the canonical 36-character form. Kestra 0.21 used version 4
 * (UUID.randomUUID); later 1.x builds switched to a time-ordered version 7, same format.
 */
import { defineFunction } from "../extension.js";
import { uuidString, uuidV4Bytes } from "./support/ids.js";

export default defineFunction({ name: "uuid", args: [], call: () => uuidString(uuidV4Bytes()) });
