import { describe, expect, it } from "vitest";
import plugin from "./script.js";

describe("python.Script", () => {
  it("uses python:3.13-slim and installs dependencies with uv, cached, by default", () => {
    expect(plugin.properties.parse({ script: "print(1)" })).toMatchObject({
      containerImage: "python:3.13-slim",
      dependencyCacheEnabled: true,
      packageManager: "UV",
    });
  });

  it("accepts dependencies, a Python version and pip", () => {
    const props = {
      script: "import pandas",
      dependencies: ["pandas==2.0.0", "kestra"],
      pythonVersion: "3.12",
      packageManager: "PIP",
    };
    expect(plugin.properties.safeParse(props).success).toBe(true);
    expect(plugin.properties.safeParse({ script: "x", packageManager: "CONDA" }).success).toBe(false);
    expect(plugin.properties.safeParse({ script: "x", dependencies: "pandas" }).success).toBe(false);
  });
});
