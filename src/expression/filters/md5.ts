/** Kestra `md5`: hex MD5 of a string's UTF-8 bytes. */
import { md5 } from "@noble/hashes/legacy.js";
import { digestFilter } from "./support/digest-filter.js";

export default digestFilter("md5", (bytes) => md5(bytes));
