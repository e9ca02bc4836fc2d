/**
 * Writes an export folder: DIR/<workload-id>/values.yaml for every planned
 * workload (and manifests.yaml with --manifests), then DIR/README.md. Files
 * that exist are never replaced without `force`; the check happens before
 * anything is written, so a refused export leaves the folder as it was. Every
 * file is written atomically.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import type { Reporter } from '../events/types.js';
import type { KubernetesPlan } from '../mapping/types.js';
import { releaseNameOf } from '../mapping/release-name.js';
import { writeFileAtomic } from '../snapshot/atomic-write.js';
import { renderExportReadme } from './export-readme.js';
import { renderValues } from './helm-values.js';
import { renderManifests } from './manifests.js';

export interface ExportOptions {
  outDir: string;
  /** The kubelift-app chart folder (its values.yaml tells which chart defaults to clear). */
  chartDir: string;
  source: string;
  force?: boolean;
  /** The helm to render manifests with; no manifests without it. */
  helm?: string;
  env?: NodeJS.ProcessEnv;
  skipped?: { id: string; reason: string }[];
  reporter?: Reporter;
}

/** Reads the chart's own values.yaml. */
export async function readChartDefaults(chartDir: string): Promise<Record<string, unknown>> {
  return parse(await readFile(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
}

/** The files an export of these plans writes, relative to the folder. */
export function exportFiles(plans: readonly KubernetesPlan[], manifests: boolean): string[] {
  return [...plans.flatMap((p) => [join(p.workloadId, 'values.yaml'), ...(manifests ? [join(p.workloadId, 'manifests.yaml')] : [])]), 'README.md'];
}

/** Writes the export; resolves to the paths written. */
export async function writeExport(plans: readonly KubernetesPlan[], options: ExportOptions): Promise<string[]> {
  const manifests = options.helm !== undefined;
  const targets = exportFiles(plans, manifests).map((f) => join(options.outDir, f));
  if (!options.force) {
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length > 0) {
      throw new InputError(`${existing.length === 1 ? `${existing[0]} already exists` : `${existing.length} files of the export already exist in ${options.outDir}`}`, {
        code: 'E_FILE_EXISTS',
        location: { file: existing[0] as string },
        hint: 'Pass --force to overwrite them, or choose another --out-dir. Nothing was written.',
      });
    }
  }
  const defaults = await readChartDefaults(options.chartDir);
  const written: string[] = [];
  const emit = (path: string) => {
    written.push(path);
    options.reporter?.emit({ level: 'info', code: 'export.written', path });
  };
  for (const plan of [...plans].sort((a, b) => a.workloadId.localeCompare(b.workloadId))) {
    const valuesFile = join(options.outDir, plan.workloadId, 'values.yaml');
    await writeFileAtomic(valuesFile, renderValues(plan, { chartDefaults: defaults }), { force: true });
    emit(valuesFile);
    if (options.helm) {
      const text = await renderManifests({ helm: options.helm, chartDir: options.chartDir, release: releaseNameOf(plan.workloadId), valuesFile, env: options.env ?? {} });
      const manifestsFile = join(options.outDir, plan.workloadId, 'manifests.yaml');
      await writeFileAtomic(manifestsFile, text, { force: true });
      emit(manifestsFile);
    }
  }
  const readme = join(options.outDir, 'README.md');
  await writeFileAtomic(readme, renderExportReadme({ plans, source: options.source, manifests, skipped: options.skipped ?? [] }), { force: true });
  emit(readme);
  return written;
}
