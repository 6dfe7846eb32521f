/** What the CLI needs from its host (bin/tern.js gives Node's): output streams and reading files. */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
  /** Every file under a directory, recursively, as paths the host's readFile accepts. */
  listFiles(dir: string): Promise<string[]>;
}
