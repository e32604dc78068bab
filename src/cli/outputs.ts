/**
 * Safe output files for the CLI: every path a command will write is checked against the files it
 * reads (and against the other outputs) before any work, and each output is written to a
 * temporary file in its own folder, then renamed over the destination once complete.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { CliUsageError } from './io.ts';

/** A file the command reads: how the user named it (for messages) and its path. */
export interface InputPath {
  /** What it is, in words: "the catalogue", "the head file", "--lead". */
  label: string;
  /** The path as given. */
  path: string;
}

/** A file the command will write. */
export interface OutputPath {
  /** The option that named it, e.g. "--out". */
  option: string;
  /** The path as given. */
  path: string;
}

/** Where a path leads once links are followed, and which file that is when it exists. */
interface Resolved {
  /** The real absolute path (the folder's real path + the name when the file does not exist yet). */
  real: string;
  /** Device and inode of an existing file (hard links share them). */
  id: { dev: number; ino: number } | null;
  /** The existing file's permission bits, kept by the replacement. */
  mode: number | null;
}

const describePath = (path: string) => `'${path}'`;

async function resolveInput(path: string): Promise<Resolved | null> {
  try {
    const real = await realpath(path);
    const info = await stat(real);
    return { real, id: { dev: info.dev, ino: info.ino }, mode: info.mode };
  } catch {
    // A missing input is reported by the command's own reader, in its own words.
    return null;
  }
}

async function resolveOutput(output: OutputPath): Promise<Resolved> {
  const name = `${output.option} ${describePath(output.path)}`;
  let link: Stats | null = null;
  try {
    link = await lstat(output.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot use ${name}: ${(error as Error).message}.`);
  }
  if (link) {
    let real: string;
    try {
      real = await realpath(output.path);
    } catch {
      throw new CliUsageError(`${name} is a link to a file that does not exist; give the real file name instead.`);
    }
    const info = await stat(real);
    if (info.isDirectory()) throw new CliUsageError(`${name} is a folder; give a file name inside it, e.g. ${describePath(join(output.path, 'out.csv'))}.`);
    if (!info.isFile()) throw new CliUsageError(`${name} is not a regular file; give a file name.`);
    return { real, id: { dev: info.dev, ino: info.ino }, mode: info.mode };
  }
  const folder = dirname(resolve(output.path));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    throw new Error(`Cannot write ${name}: the folder ${describePath(dirname(output.path))} does not exist.`);
  }
  if (!(await stat(realFolder)).isDirectory()) throw new Error(`Cannot write ${name}: ${describePath(dirname(output.path))} is not a folder.`);
  return { real: join(realFolder, basename(output.path)), id: null, mode: null };
}

const sameFile = (a: Resolved, b: Resolved) => a.real === b.real || (a.id !== null && b.id !== null && a.id.dev === b.id.dev && a.id.ino === b.id.ino);

/** Whether `path` lies inside `folder` (both real, absolute). */
const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** One output being written: a temporary file beside the destination, renamed over it by `commit`. */
export class AtomicOutput {
  private done = false;

  private constructor(
    /** The option that named it. */
    readonly option: string,
    /** The path as the user gave it (for messages). */
    readonly path: string,
    private readonly target: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file now, so an unwritable folder is found before any work. */
  static async create(option: string, path: string, target: string, mode: number | null): Promise<AtomicOutput> {
    const temp = join(dirname(target), `.${basename(target)}.trendloom-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
    let handle: FileHandle;
    try {
      handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
      throw new Error(`Cannot write ${option} ${describePath(path)}: the folder ${describePath(dirname(path))} cannot be written to (${why}).`);
    }
    if (mode !== null) await handle.chmod(mode & 0o7777).catch(() => undefined);
    return new AtomicOutput(option, path, target, temp, handle);
  }

  /** Appends text (UTF-8) to the temporary file. */
  async write(text: string): Promise<void> {
    if (this.done) throw new Error(`${this.option} ${describePath(this.path)} is already closed.`);
    await this.handle.write(text);
  }

  /** Flushes the temporary file to disk and renames it over the destination. */
  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temp, this.target);
    } catch (error) {
      await unlink(this.temp).catch(() => undefined);
      throw new Error(`Cannot write ${this.option} ${describePath(this.path)}: ${(error as Error).message}.`);
    }
  }

  /** Drops the temporary file; the destination keeps whatever it held before. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await unlink(this.temp).catch(() => undefined);
  }
}

/** The outputs of one command run, opened together and committed or dropped together. */
export class OutputFiles {
  /** Wraps already-created outputs (use `openOutputs`). */
  constructor(private readonly outputs: AtomicOutput[]) {}

  /** The output named by `option`, if that option was given. */
  get(option: string): AtomicOutput | undefined {
    return this.outputs.find((o) => o.option === option);
  }

  /** Renames every finished temporary file over its destination. */
  async commit(): Promise<void> {
    for (const output of this.outputs) await output.commit();
  }

  /** Removes every temporary file not committed yet. */
  async abort(): Promise<void> {
    await Promise.all(this.outputs.map((o) => o.abort()));
  }
}

/**
 * Checks every output before any work: none may be an input (same path, a link to it, or a hard
 * link to the same file), lie inside an input folder, or be another output; each must be a file
 * name in an existing, writable folder. Then creates their temporary files. Usage mistakes throw
 * CliUsageError (exit status 2), an unwritable folder a plain Error (exit status 1).
 */
export async function openOutputs(inputs: readonly InputPath[], outputs: readonly OutputPath[], inputFolders: readonly InputPath[] = []): Promise<OutputFiles> {
  if (outputs.length === 0) return new OutputFiles([]);
  const resolvedInputs = await Promise.all(inputs.map(async (input) => ({ input, resolved: await resolveInput(input.path) })));
  const resolvedFolders = await Promise.all(inputFolders.map(async (folder) => ({ folder, resolved: await resolveInput(folder.path) })));
  const planned: { output: OutputPath; resolved: Resolved }[] = [];
  for (const output of outputs) {
    const resolved = await resolveOutput(output);
    for (const { input, resolved: read } of resolvedInputs) {
      if (read && sameFile(read, resolved)) {
        const alias = resolve(output.path) === resolve(input.path) ? '' : ' (the same file under another name)';
        throw new CliUsageError(`${output.option} ${describePath(output.path)} is ${input.label} ${describePath(input.path)}${alias}: writing there would destroy it. Choose another file name for ${output.option}.`);
      }
    }
    for (const { folder, resolved: read } of resolvedFolders) {
      if (read && inside(read.real, resolved.real)) throw new CliUsageError(`${output.option} ${describePath(output.path)} is inside ${folder.label} ${describePath(folder.path)}; writing there could damage it. Choose a file elsewhere.`);
    }
    const twin = planned.find((p) => sameFile(p.resolved, resolved));
    if (twin) throw new CliUsageError(`${twin.output.option} and ${output.option} both name ${describePath(output.path)}; give each its own file.`);
    planned.push({ output, resolved });
  }
  const created: AtomicOutput[] = [];
  try {
    for (const { output, resolved } of planned) created.push(await AtomicOutput.create(output.option, output.path, resolved.real, resolved.mode));
  } catch (error) {
    await Promise.all(created.map((o) => o.abort()));
    throw error;
  }
  return new OutputFiles(created);
}

/**
 * Opens the outputs (see `openOutputs`), runs `work` with them, then commits every output when it
 * succeeds or drops every temporary file when it throws.
 */
export async function withOutputs<T>(inputs: readonly InputPath[], outputs: readonly OutputPath[], work: (files: OutputFiles) => Promise<T>, inputFolders: readonly InputPath[] = []): Promise<T> {
  const files = await openOutputs(inputs, outputs, inputFolders);
  let result: T;
  try {
    result = await work(files);
  } catch (error) {
    await files.abort();
    throw error;
  }
  try {
    await files.commit();
  } catch (error) {
    await files.abort();
    throw error;
  }
  return result;
}
