import { describe, expect, it } from "vitest";
import { MASK, secretMasker, secretStore, secretsFromEnv } from "./secrets.js";

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe("secrets from SECRET_* variables", () => {
  it("decodes base64 values under the upper-cased name, read case-insensitively", async () => {
    const secrets = secretsFromEnv({
      SECRET_MY_SECRET: base64('{"secretKey":"secretValue"}'),
      SECRET_lower: base64("été"),
      OTHER: base64("not a secret"),
      SECRET_NUMBER: 42,
    });
    expect(await secrets.get("my_secret")).toBe('{"secretKey":"secretValue"}');
    expect(await secrets.get("MY_SECRET")).toBe('{"secretKey":"secretValue"}');
    expect(await secrets.get("Lower")).toBe("été");
    expect(await secrets.get("other")).toBeUndefined();
    expect(await secrets.get("number")).toBeUndefined();
    expect([...secrets.values()].sort()).toEqual(['{"secretKey":"secretValue"}', "été"]);
  });

  it("ignores line breaks in the base64 text, and skips a value that is not base64", async () => {
    const long = "passwordveryveryveyrlong".repeat(5);
    const wrapped = base64(long).replace(/(.{76})/g, "$1\n");
    expect(wrapped).toContain("\n");
    const invalid: string[] = [];
    const secrets = secretsFromEnv({ SECRET_NEW_LINE: wrapped, SECRET_BROKEN: "not base64!" }, (name) =>
      invalid.push(name),
    );
    expect(await secrets.get("new_line")).toBe(long);
    expect(await secrets.get("broken")).toBeUndefined();
    expect(invalid).toEqual(["SECRET_BROKEN"]);
  });
});

describe("masking", () => {
  it("replaces every secret value, longest first, and leaves other text alone", () => {
    const mask = secretMasker(["abc", "abcdef", ""]);
    expect(mask("x abcdef y abc z")).toBe(`x ${MASK} y ${MASK} z`);
    expect(mask("nothing here")).toBe("nothing here");
    expect(secretMasker([])("abc")).toBe("abc");
  });

  it("gives secrets by name", async () => {
    const secrets = secretStore({ token: "t0k3n" });
    expect(await secrets.get("TOKEN")).toBe("t0k3n");
    expect(secrets.values()).toEqual(["t0k3n"]);
  });
});
