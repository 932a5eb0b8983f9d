import type { Issue } from '../issues/issue.js';

/** One built file, complete on disk, to be published under `name`. */
export interface BuiltFile {
  /** Absolute path of the finished build output. */
  path: string;
  /** File name at the destination. */
  name: string;
  contentType: string;
  /** The writer that built it (`tsv-quoted`: Google's quoted-fields TSV, read with its quoting). */
  serializer?: string;
}

export interface PublishContext {
  feedId: string;
  env: NodeJS.ProcessEnv;
  /** Absolute project root; relative paths in destination configs resolve against it. */
  root: string;
  /** Absolute state folder (`.shelfcast`), for journals, hashes and tokens. */
  stateDir: string;
  /** Absolute default output folder. */
  outputDir: string;
  /** Build and check everything, send nothing. */
  dryRun: boolean;
  /** API pushes: send every item, not only those changed since the last push (`--full`); default false. */
  full?: boolean;
  /** Progress lines for people (stderr); never pass a secret. */
  log: (line: string) => void;
  signal?: AbortSignal;
  now: () => Date;
}

export interface PublishResult {
  /** Human-readable destination without secrets, e.g. `sftp://feeds.example.com/in/google.xml`. */
  destination: string;
  /** Items or files accepted by the destination. */
  pushed: number;
  /** Items rejected by the destination. */
  failed: number;
  issues: Issue[];
}

export interface Destination {
  publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult>;
}
