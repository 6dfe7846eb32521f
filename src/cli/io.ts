/** What the CLI needs from its host (bin/tern.js gives Node's): output streams and reading files. */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
}
