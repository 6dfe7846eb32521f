/** Kestra `sha1`: hex SHA-1 of a string's UTF-8 bytes. */
import { sha1 } from "@noble/hashes/legacy.js";
import { digestFilter } from "./support/digest-filter.js";

export default digestFilter("sha1", (bytes) => sha1(bytes));
