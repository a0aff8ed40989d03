/**
 * Live password strength meter: progressively enhances every form with an `input[data-strength-meter]`
 * (markup in views/partials/new-password-fields.ejs). Without JavaScript the checklist is still shown
 * and the server decides; with it, Save waits until every rule is met. The server re-checks everything.
 */
import { ruleFailureMessage } from '../shared/password-rules';
import { createStrengthEstimator, type StrengthEstimator } from '../shared/password-strength';
import { collectUserWords, computeMeterState, readMeterConfig, type StrengthReading } from './meter-state';

type DictionaryStatus = 'loading' | 'ready' | 'unavailable';

// Core matchers only (repeats, sequences, dates, brute force, the user's own words) until the
// dictionaries arrive; see StrengthReading for why such a score never enables Save.
const coreEstimate = createStrengthEstimator({});
let fullEstimate: StrengthEstimator | null = null;
let dictionaryStatus: DictionaryStatus = 'loading';
const meters: (() => void)[] = [];

function readStrength(password: string, words: string[]): StrengthReading {
  if (fullEstimate) return { status: 'ready', score: fullEstimate(password, words) };
  if (dictionaryStatus === 'unavailable') return { status: 'unavailable' };
  return { status: 'provisional', score: coreEstimate(password, words) };
}

function fieldValue(form: HTMLFormElement, selector: string): string | undefined {
  return form.querySelector<HTMLInputElement>(selector)?.value;
}

function setText(element: Element | null, text: string): void {
  // Only on change, so the polite live region announces a new verdict and not every keystroke.
  if (element && element.textContent !== text) element.textContent = text;
}

function enhance(input: HTMLInputElement, form: HTMLFormElement): void {
  const config = readMeterConfig(input.dataset);
  const confirmation = form.querySelector<HTMLInputElement>('#confirmPassword');
  const meter = form.querySelector<HTMLElement>('[data-testid="strength-meter"]');
  const bar = meter?.querySelector<HTMLElement>('[data-testid="strength-bar"]') ?? null;
  const label = form.querySelector('[data-testid="strength-label"]');
  const warning = form.querySelector<HTMLElement>('[data-testid="password-warning"]');
  const items = [...form.querySelectorAll<HTMLElement>('[data-testid="password-rules"] li[data-rule]')];
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('[data-requires-strong-password]')];

  function update(): void {
    const password = input.value;
    const words = collectUserWords(config, {
      username: fieldValue(form, '#username'),
      displayName: fieldValue(form, '#displayName'),
    });
    const state = computeMeterState({
      password,
      confirmation: confirmation?.value ?? '',
      rules: config.rules,
      readStrength: () => readStrength(password, words),
    });
    if (meter) {
      meter.dataset.dictionaries = dictionaryStatus;
      meter.hidden = dictionaryStatus === 'unavailable';
    }
    if (bar) {
      if (state.barScore === null) delete bar.dataset.score;
      else bar.dataset.score = String(state.barScore);
    }
    setText(label, state.label);
    if (warning) {
      warning.hidden = !state.tooLong;
      setText(warning, state.tooLong ? ruleFailureMessage('length_max', config.rules) : '');
    }
    for (const item of items) {
      const met = state.checklist.find(({ rule }) => rule === item.dataset.rule)?.met ?? false;
      item.dataset.met = String(met);
      setText(item.querySelector('[data-rule-status]'), met ? 'Done: ' : 'Not yet: ');
    }
    for (const button of buttons) button.disabled = !state.canSubmit;
  }

  for (const field of [
    input,
    confirmation,
    form.querySelector('#username'),
    form.querySelector('#displayName'),
  ]) {
    field?.addEventListener('input', update);
    field?.addEventListener('change', update);
  }
  input.addEventListener('focus', loadDictionaries, { once: true });
  // A page restored from the back/forward cache keeps what was typed; show the matching state.
  window.addEventListener('pageshow', update);
  meters.push(update);
  update();
}

let loading: Promise<void> | null = null;

function loadDictionaries(): Promise<void> {
  loading ??= import('./dictionaries.js')
    .then(
      ({ dictionaryOptions }) => {
        fullEstimate = createStrengthEstimator(dictionaryOptions);
        dictionaryStatus = 'ready';
      },
      (error: unknown) => {
        // Without the word lists no score can be trusted: leave strength to the server.
        dictionaryStatus = 'unavailable';
        console.error('Password dictionaries failed to load', error);
      },
    )
    .then(() => meters.forEach((update) => update()));
  return loading;
}

for (const input of document.querySelectorAll<HTMLInputElement>('input[data-strength-meter]')) {
  if (input.form) enhance(input, input.form);
}
if (meters.length > 0) {
  // After first paint: the frame callback runs before the paint, the timeout after it.
  requestAnimationFrame(() => setTimeout(() => void loadDictionaries(), 0));
}
