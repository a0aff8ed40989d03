/** One measured number, with its target when the issue sets one. */
export interface Figure {
  id: string;
  label: string;
  /** null: the figure could not be produced (the run then fails). */
  value: number | null;
  unit: string;
  /** Context printed after the value (interval, sample count, raw counts). */
  detail?: string;
  target?: { text: string; met: boolean };
}

/** Every figure a run must produce; a missing one fails even the smoke run. */
export const REQUIRED_FIGURES = [
  'argon2.ceiling',
  'render.login',
  'render.forgot',
  'forgot.throughput',
  'forgot.p50',
  'forgot.p99',
  'forgot.gap',
  'reset.gap',
  'login.rate',
  'login.ratio',
  'reset.rate',
  'reset.ratio',
  'reset.cpu',
  'rss.peak',
  'outbox.drain',
  'breached.check',
  'breached.corpus',
  'breached.rss',
  'breached.gzip',
  'mail.latency',
  'mail.e2e',
  'forgot.rows',
] as const;

export type FigureId = (typeof REQUIRED_FIGURES)[number];

export function info(
  id: FigureId,
  label: string,
  value: number | null,
  unit: string,
  detail?: string,
): Figure {
  return { id, label, value, unit, ...(detail !== undefined && { detail }) };
}

export function atLeast(
  id: FigureId,
  label: string,
  value: number | null,
  unit: string,
  minimum: number,
  detail?: string,
): Figure {
  const met = value !== null && Number.isFinite(value) && value >= minimum;
  return { ...info(id, label, value, unit, detail), target: { text: `≥ ${minimum} ${unit}`, met } };
}

export function below(
  id: FigureId,
  label: string,
  value: number | null,
  unit: string,
  maximum: number,
  detail?: string,
): Figure {
  const met = value !== null && Number.isFinite(value) && value < maximum;
  return { ...info(id, label, value, unit, detail), target: { text: `< ${maximum} ${unit}`, met } };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
