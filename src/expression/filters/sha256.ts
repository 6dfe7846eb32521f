/** Pebble `sha256`: hex SHA-256 of a string's UTF-8 bytes. */
import { sha256 } from "@noble/hashes/sha2.js";
import { digestFilter } from "./support/digest-filter.js";

export default digestFilter("sha256", (bytes) => sha256(bytes));
