/** What the CLI needs from its host (bin/tern.js gives Node's): output streams, reading files, the environment. */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
  /** Every file under a directory, recursively, as paths the host's readFile accepts. */
  listFiles(dir: string): Promise<string[]>;
  /** The process environment: `SECRET_*` variables are the flows' secrets (base64, as Kestra OSS). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
