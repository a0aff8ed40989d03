import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { REQUIRED_FIGURES, type Figure } from './figures';
import type { BenchProfile } from './profile';

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  memoryGiB: number;
  platform: string;
}

export function describeMachine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Required figures that were not produced (never measured, or measured as nothing). */
export function missingFigures(figures: readonly Figure[]): string[] {
  return REQUIRED_FIGURES.filter((id) => {
    const figure = figures.find((candidate) => candidate.id === id);
    return !figure || figure.value === null || !Number.isFinite(figure.value);
  });
}

function status(figure: Figure): string {
  if (figure.value === null) return 'MISSING';
  if (!figure.target) return '—';
  return figure.target.met ? 'met' : 'MISSED';
}

/** A Markdown table: readable in a terminal and pasted as is into the README. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.label,
    figure.value === null ? '—' : `${figure.value} ${figure.unit}`,
    figure.target?.text ?? '(reference)',
    status(figure),
    figure.detail ?? '',
  ]);
  const header = ['Figure', 'Measured', 'Target', 'Status', 'Detail'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Memory per phase: the server's peak RSS during it and its process.memoryUsage() after it (MiB). */
export interface PhaseMemory {
  name: string;
  peakRssMb: number | null;
  memoryAfter: Record<string, number> | null;
}

export interface BenchResults {
  timestamp: string;
  mode: BenchProfile['mode'];
  durationSeconds: number;
  machine: Machine;
  settings: Record<string, string | number>;
  figures: Figure[];
  phases: PhaseMemory[];
  errors: string[];
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
