/**
 * io.kestra.plugin.scripts.runner.docker.Docker: the default task runner of script tasks;
 * runs the commands in a container of the task's `containerImage`. Also exports the
 * container options that the deprecated `docker` property of script tasks shares with it
 * (Kestra's DockerOptions).
 */
import { z } from "zod";
import { defineTaskRunner } from "../../../../src/plugin/define.js";
import { duration, dynamic } from "../../../../src/plugin/properties.js";

const text = dynamic(z.string());
const textList = dynamic(z.array(z.string()));

/** Registry credentials; `registry` defaults to the one in the image name. */
const credentials = z.strictObject({
  registry: text.optional(),
  username: text.optional(),
  password: text.optional(),
  registryToken: text.optional(),
  identityToken: text.optional(),
  /** Base64 of `username:password`, or a token. */
  auth: text.optional(),
});

const deviceRequest = z.strictObject({
  driver: text.optional(),
  count: dynamic(z.number().int()).optional(),
  deviceIds: textList.optional(),
  /** An OR list of AND lists of capabilities. */
  capabilities: dynamic(z.array(z.array(z.string()))).optional(),
  options: dynamic(z.record(z.string(), z.string())).optional(),
});

/** Sizes are Docker byte strings such as `512Mb`. */
const memory = z.strictObject({
  memory: text.optional(),
  memorySwap: text.optional(),
  memorySwappiness: text.optional(),
  memoryReservation: text.optional(),
  kernelMemory: text.optional(),
  oomKillDisable: dynamic(z.boolean()).optional(),
});

export const pullPolicy = z.enum(["IF_NOT_PRESENT", "ALWAYS", "NEVER"]);

/** The options a container gets, whether set on the runner or in a script task's `docker`. */
export const containerOptions = {
  /** Docker API URI; the local socket when unset. */
  host: text.optional(),
  /** A `~/.docker/config.json` content, as a string or a map. */
  config: dynamic(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  credentials: credentials.optional(),
  user: text.optional(),
  entryPoint: textList.optional(),
  extraHosts: textList.optional(),
  /** e.g. `host`, `none`. */
  networkMode: text.optional(),
  /** `/host/path:/container/path`; refused unless the plugin configuration enables volumes. */
  volumes: textList.optional(),
  pullPolicy: dynamic(pullPolicy).optional(),
  deviceRequests: z.array(deviceRequest).optional(),
  cpu: z.strictObject({ cpus: dynamic(z.number()).optional() }).optional(),
  memory: memory.optional(),
  /** Size of `/dev/shm`, e.g. `1gb`. */
  shmSize: text.optional(),
  privileged: dynamic(z.boolean()).optional(),
};

export default defineTaskRunner({
  type: "io.kestra.plugin.scripts.runner.docker.Docker",
  title: "Run the task's commands in a Docker container.",
  properties: z.strictObject({
    ...containerOptions,
    entryPoint: textList.default([""]),
    pullPolicy: dynamic(pullPolicy).default("IF_NOT_PRESENT"),
    /** Kept for older flows; the image comes from the task's `containerImage`. */
    image: text.optional(),
    /** `ip:hostPort:containerPort/protocol`, like `docker run -p`. */
    portBindings: textList.optional(),
    /** VOLUME copies the working directory into a volume; MOUNT bind-mounts it. */
    fileHandlingStrategy: dynamic(z.enum(["VOLUME", "MOUNT"])).default("VOLUME"),
    delete: dynamic(z.boolean()).default(true),
    wait: dynamic(z.boolean()).default(true),
    /** How long a killed task's container gets to stop before it is killed. */
    killGracePeriod: duration.default("PT0S"),
    /** Reattach to the task's container after a worker restart instead of starting a new one. */
    resume: dynamic(z.boolean()).default(true),
  }),
});
