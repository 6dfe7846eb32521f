/** io.kestra.plugin.core.http.Download: streams an HTTP response body into internal storage and returns its URI. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { httpProperties, responseHeaders } from "./request.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.http.Download",
  aliases: ["io.kestra.plugin.fs.http.Download"],
  title: "Download a file from an HTTP server into internal storage.",
  properties: z.strictObject({
    ...httpProperties,
    /** Fail when the response body is empty (unless `options.allowFailed`). */
    failOnEmptyResponse: dynamic(z.boolean()).default(true),
  }),
  outputs: z.object({
    /** kestra:// URI of the downloaded file. */
    uri: z.string(),
    code: z.number().int(),
    /** Number of bytes downloaded. */
    length: z.number().int(),
    headers: responseHeaders,
  }),
});
