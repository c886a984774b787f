/** The part of picomatch (2.x, no bundled types) that adapters/localTasks/excludeGlobs.ts uses. */
declare module 'picomatch' {
  interface PicomatchOptions {
    /** Let `*` and `**` match names that start with a dot. */
    readonly dot?: boolean;
    readonly nocase?: boolean;
  }
  function picomatch(glob: string | readonly string[], options?: PicomatchOptions): (path: string) => boolean;
  export = picomatch;
}
