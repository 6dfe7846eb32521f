/** io.kestra.plugin.core.storage.Reverse: writes the lines of an internal-storage file in reverse order, last line first. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/plugin/render.js";
import { charsetOf, decode, encode } from "./charsets.js";
import { extensionOf, newFileName, textLines } from "./files.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Reverse",
  aliases: ["io.kestra.core.tasks.storages.Reverse"],
  title: "Reverse a file from internal storage, last line first.",
  properties: z.strictObject({
    /** kestra:// URI of the file. */
    from: dynamic(z.string().min(1)),
    /** Written after each line. */
    separator: dynamic(z.string()).default("\n"),
    /** How the file is read and written: UTF-8, US-ASCII, ISO-8859-1 or UTF-16 (BE, LE). */
    charset: dynamic(z.string()).default("UTF-8"),
  }),
  outputs: z.object({
    uri: z.string(),
  }),
  async run(context) {
    const p = context.properties;
    const from = await renderText(context, "from", p.from);
    const separator = await renderText(context, "separator", p.separator ?? "\n");
    const charset = charsetOf(await renderText(context, "charset", p.charset ?? "UTF-8"));
    const lines = textLines(decode(await context.storage.get(from), charset)).reverse();
    const text = lines.map((line) => line + separator).join("");
    return {
      outputs: { uri: await context.storage.put(newFileName(context, extensionOf(from)), encode(text, charset)) },
    };
  },
});
