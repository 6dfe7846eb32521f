/**
 * `ksuid()`: a K-Sortable Unique IDentifier (segmentio/ksuid): 4 bytes of seconds since
 * 2014-05-13T16:53:20Z (epoch 1400000000) then 16 random bytes, as 27 base62 characters.
 */
import { defineFunction } from "../extension.js";
import { base62, bytesToBigInt, randomBytes } from "./support/ids.js";

const KSUID_EPOCH = 1_400_000_000n;

export default defineFunction({
  name: "ksuid",
  args: [],
  call(_args, context) {
    const seconds = BigInt(Math.floor(context.now().epochMilliseconds / 1000)) - KSUID_EPOCH;
    return base62((BigInt.asUintN(32, seconds) << 128n) | bytesToBigInt(randomBytes(16)), 27);
  },
});
