/** Kestra `sha512`: hex SHA-512 of a string's UTF-8 bytes. */
import { sha512 } from "@noble/hashes/sha2.js";
import { digestFilter } from "./support/digest-filter.js";

export default digestFilter("sha512", (bytes) => sha512(bytes));
