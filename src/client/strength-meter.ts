/**
 * Live password strength meter: progressively enhances every form with an `input[data-strength-meter]`
 * (markup in views/partials/new-password-fields.ejs). Without JavaScript the checklist is still shown
 * and the server decides; with it, Save waits until every rule is met. The server re-checks everything.
 */
import { decodeBreachedList, type BreachedPasswordList } from '../shared/breached-passwords';
import { containedContextKinds, strengthInputs } from '../shared/context-words';
import { createStrengthEstimator, type StrengthEstimator } from '../shared/password-strength';
import {
  collectContextWords,
  computeMeterState,
  readMeterConfig,
  type BreachReading,
  type StrengthReading,
} from './meter-state';
import { describeMeterWarning, parseMeterWarningTexts } from './meter-warning';
import { text } from './text';

type DictionaryStatus = 'loading' | 'ready' | 'unavailable';

// Core matchers only (repeats, sequences, dates, brute force, the user's own words) until the
// dictionaries arrive; see StrengthReading for why such a score never enables Save.
const coreEstimate = createStrengthEstimator({});
let fullEstimate: StrengthEstimator | null = null;
let dictionaryStatus: DictionaryStatus = 'loading';
let breachedList: BreachedPasswordList | null = null;
let breachedListStatus: DictionaryStatus = 'loading';
const meters: (() => void)[] = [];

function readStrength(password: string, words: string[]): StrengthReading {
  if (fullEstimate) return { status: 'ready', score: fullEstimate(password, words) };
  if (dictionaryStatus === 'unavailable') return { status: 'unavailable' };
  return { status: 'provisional', score: coreEstimate(password, words) };
}

/** Checked here against the list the page fetched: the password itself goes nowhere. */
function readBreach(password: string): BreachReading {
  if (breachedList) return breachedList.includes(password) ? 'listed' : 'clear';
  return breachedListStatus === 'unavailable' ? 'unavailable' : 'loading';
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
  const warningTexts = parseMeterWarningTexts(input.dataset.warnings);
  const locale = document.documentElement.lang || 'en';
  const confirmation = form.querySelector<HTMLInputElement>('#confirmPassword');
  const meter = form.querySelector<HTMLElement>('[data-testid="strength-meter"]');
  const bar = meter?.querySelector<HTMLElement>('[data-testid="strength-bar"]') ?? null;
  const label = form.querySelector('[data-testid="strength-label"]');
  const warning = form.querySelector<HTMLElement>('[data-testid="password-warning"]');
  const items = [...form.querySelectorAll<HTMLElement>('[data-testid="password-rules"] li[data-rule]')];
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('[data-requires-strong-password]')];

  function update(): void {
    const password = input.value;
    const words = collectContextWords(config, {
      username: fieldValue(form, '#username'),
      displayName: fieldValue(form, '#displayName'),
    });
    const state = computeMeterState({
      password,
      confirmation: confirmation?.value ?? '',
      rules: config.rules,
      readStrength: () => readStrength(password, strengthInputs(words)),
      readBreach: () => readBreach(password),
      contained: containedContextKinds(password, words),
    });
    if (meter) {
      meter.dataset.dictionaries = dictionaryStatus;
      meter.dataset.breachedList = breachedListStatus;
      meter.hidden = dictionaryStatus === 'unavailable';
    }
    if (bar) {
      if (state.barScore === null) delete bar.dataset.score;
      else bar.dataset.score = String(state.barScore);
    }
    setText(label, state.label ? text(state.label) : '');
    if (warning) {
      const said = describeMeterWarning(state.warning, warningTexts, locale);
      warning.hidden = said === '';
      setText(warning, said);
    }
    for (const item of items) {
      const met = state.checklist.find(({ rule }) => rule === item.dataset.rule)?.met ?? false;
      item.dataset.met = String(met);
      const status = met ? text('client:meter.rule_met') : text('client:meter.rule_unmet');
      setText(item.querySelector('[data-rule-status]'), `${status} `);
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
  input.addEventListener('focus', () => loadWordLists(config.blocklistUrl), { once: true });
  // A page restored from the back/forward cache keeps what was typed; show the matching state.
  window.addEventListener('pageshow', update);
  meters.push(update);
  update();
}

let loading: Promise<void> | null = null;

function loadDictionaries(): Promise<void> {
  loading ??= import('./dictionaries.js')
    .then(({ dictionaryOptions }) => dictionaryOptions(document.documentElement.lang))
    .then(
      (options) => {
        fullEstimate = createStrengthEstimator(options);
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

let fetchingList: Promise<void> | null = null;

function loadBreachedList(url: string): Promise<void> {
  fetchingList ??= (url ? fetch(url, { credentials: 'omit' }) : Promise.reject(new Error('no list URL')))
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then(
      (data) => {
        breachedList = decodeBreachedList(data);
        breachedListStatus = 'ready';
      },
      (error: unknown) => {
        // Without the list the checklist cannot tell: leave the check to the server.
        breachedListStatus = 'unavailable';
        console.error('Breached-password list failed to load', error);
      },
    )
    .then(() => meters.forEach((update) => update()));
  return fetchingList;
}

function loadWordLists(blocklistUrl: string): void {
  void loadDictionaries();
  void loadBreachedList(blocklistUrl);
}

const inputs = [...document.querySelectorAll<HTMLInputElement>('input[data-strength-meter]')];
for (const input of inputs) {
  if (input.form) enhance(input, input.form);
}
if (meters.length > 0) {
  const blocklistUrl = readMeterConfig(inputs[0]!.dataset).blocklistUrl;
  // After first paint: the frame callback runs before the paint, the timeout after it.
  requestAnimationFrame(() => setTimeout(() => loadWordLists(blocklistUrl), 0));
}
