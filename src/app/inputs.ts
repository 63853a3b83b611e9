/**
 * What the user named on the command line → the files to read. A path may be
 * a file, a folder (walked recursively) or a glob ("corpus/**\/*.xml").
 * Hidden files and folders are skipped in folders and globs, and so are the
 * files that describe a folder (README, LICENSE, CHANGELOG): name one
 * explicitly to ingest it.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { glob as tinyglob } from 'tinyglobby';
import { AnnalsError } from '../core/errors.js';

export interface ExpandedInputs {
  /** Files to read, as the user would write them (relative to cwd when given so), without duplicates. */
  files: string[];
  /** Inputs that name nothing: one error each. */
  errors: AnnalsError[];
}

const FOLDER_NOTES = /^(readme|license|licence|changelog|changes|notice)(\.[a-z0-9]+)?$/i;
const GLOB_CHARS = /[*?[\]{}]/;

function isFolderNote(path: string): boolean {
  return FOLDER_NOTES.test(path.split(/[\\/]/).pop() ?? '');
}

function kindOf(path: string): 'file' | 'dir' | 'other' | null {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

async function walk(pattern: string, cwd: string): Promise<string[]> {
  const found = await tinyglob(pattern, { cwd, dot: false, onlyFiles: true, followSymbolicLinks: true });
  return found.filter((f) => !isFolderNote(f)).sort();
}

/** Expand files, folders and globs, in the order given; within a folder or glob, sorted by path. */
export async function expandInputs(inputs: string[], cwd = process.cwd()): Promise<ExpandedInputs> {
  const files: string[] = [];
  const errors: AnnalsError[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = resolve(cwd, f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const kind = kindOf(abs);
    if (kind === 'file') {
      add(input);
    } else if (kind === 'other') {
      errors.push(new AnnalsError('E002', 'not a regular file (device, pipe or socket)', input));
    } else if (kind === 'dir') {
      const found = await walk('**/*', abs);
      for (const f of found) add(join(input, f));
    } else if (GLOB_CHARS.test(input)) {
      const base = isAbsolute(input) ? '/' : cwd;
      const pattern = isAbsolute(input) ? relative('/', input) : input;
      const found = await walk(pattern, base);
      if (!found.length) errors.push(new AnnalsError('E001', 'no file matches this pattern', input));
      for (const f of found) add(isAbsolute(input) ? join('/', f) : f);
    } else {
      errors.push(new AnnalsError('E001', 'file not found', input));
    }
  }
  return { files, errors };
}
