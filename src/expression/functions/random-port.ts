/**
 * `randomPort()`: a TCP port for a local service. Kestra asks the OS for a free port; a
 * render cannot open sockets here, so this picks a random port of the dynamic range
 * (49152-65535), which the host checks or retries when it binds.
 */
import { defineFunction } from "../extension.js";

export default defineFunction({
  name: "randomPort",
  args: [],
  call: () => 49152 + Math.floor(Math.random() * (65536 - 49152)),
});
