import { describe, expect, it } from "vitest";
import plugin from "./docker.js";

describe("Docker task runner", () => {
  it("applies Kestra 1.x defaults (pull only when missing)", () => {
    expect(plugin.properties.parse({})).toEqual({
      entryPoint: [""],
      pullPolicy: "IF_NOT_PRESENT",
      fileHandlingStrategy: "VOLUME",
      delete: true,
      wait: true,
      killGracePeriod: "PT0S",
      resume: true,
    });
  });

  it("accepts the documented resources, credentials and network options", () => {
    const props = {
      pullPolicy: "ALWAYS",
      cpu: { cpus: 1 },
      memory: { memory: "512Mb" },
      credentials: { registry: "ghcr.io", username: "me", password: "{{ secret('GHCR') }}" },
      config: { auths: { "ghcr.io": { auth: "abc" } } },
      networkMode: "host",
      volumes: ["/tmp/data:/data"],
      portBindings: ["8080:80/udp"],
      deviceRequests: [{ driver: "nvidia", count: -1, capabilities: [["gpu"]] }],
      fileHandlingStrategy: "MOUNT",
    };
    expect(plugin.properties.safeParse(props).success).toBe(true);
  });

  it("refuses unknown policies and options", () => {
    expect(plugin.properties.safeParse({ pullPolicy: "SOMETIMES" }).success).toBe(false);
    expect(plugin.properties.safeParse({ cpu: { cores: 2 } }).success).toBe(false);
    expect(plugin.properties.safeParse({ killGracePeriod: "10s" }).success).toBe(false);
  });
});
