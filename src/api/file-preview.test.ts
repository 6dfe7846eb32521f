import { describe, expect, it } from "vitest";
import { extensionOf, previewDecoder, renderPreview } from "./file-preview.js";

/** A body delivered in the given chunks, recording whether it was read to its end. */
function body(...chunks: string[]): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const encoded = chunks.map((chunk) => new TextEncoder().encode(chunk));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = encoded[pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
  return { stream, pulled: () => pulled };
}

const utf8 = () => previewDecoder("UTF-8");

describe("renderPreview", () => {
  it("gives a text file's lines joined by \\n, a final line end not starting another line", async () => {
    const preview = await renderPreview("csv", body("a,b\r\n1,", "2\r", "\n3,4\n").stream, utf8(), 100);
    expect(preview).toEqual({
      extension: "csv",
      type: "TEXT",
      content: "a,b\n1,2\n3,4",
      maxLine: 100,
      truncated: false,
    });
  });

  it("stops at maxLine with a trailing \\n and truncated, without reading the rest", async () => {
    const { stream, pulled } = body("1\n2\n", "3\n4\n", "5\n", "6\n", "7\n");
    const preview = await renderPreview("txt", stream, utf8(), 2);
    expect(preview).toMatchObject({ content: "1\n2\n", truncated: true, maxLine: 2 });
    expect(pulled()).toBeLessThan(5);
  });

  it("keeps empty lines and gives an empty file as empty content", async () => {
    expect((await renderPreview("txt", body("a\n\n").stream, utf8(), 10)).content).toBe("a\n");
    expect(await renderPreview("txt", body().stream, utf8(), 10)).toMatchObject({ content: "", truncated: false });
  });

  it("is not truncated when the file has exactly maxLine lines", async () => {
    expect(await renderPreview("txt", body("1\n2\n").stream, utf8(), 2)).toMatchObject({
      content: "1\n2",
      truncated: false,
    });
  });

  it("decodes with the charset asked for, and refuses an unknown one with Kestra's 422", async () => {
    const latin1 = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([0x44, 0xfc, 0x73]));
        controller.close();
      },
    });
    expect((await renderPreview("txt", latin1, previewDecoder("ISO-8859-1"), 10)).content).toBe("Düs");
    expect(() => previewDecoder("foo")).toThrow("Unable to preview using encoding 'foo'");
  });

  it("renders Markdown as MARKDOWN, images and PDFs in base64, and refuses Ion", async () => {
    expect(await renderPreview("md", body("# T\n").stream, utf8(), 10)).toMatchObject({
      type: "MARKDOWN",
      content: "# T",
    });
    expect(await renderPreview("PNG", body("img").stream, utf8(), 10)).toMatchObject({
      extension: "PNG",
      type: "IMAGE",
      content: btoa("img"),
    });
    expect(await renderPreview("pdf", body("%PDF").stream, utf8(), 10)).toMatchObject({ type: "PDF" });
    await expect(renderPreview("ion", body("{a:1}").stream, utf8(), 10)).rejects.toThrow(/Ion/);
  });
});

describe("extensionOf", () => {
  it("takes what follows the last dot of the file name", () => {
    expect(extensionOf("kestra:///a.b/c/data.tar.gz")).toBe("gz");
    expect(extensionOf("kestra:///a.b/c/README")).toBe("");
  });
});
