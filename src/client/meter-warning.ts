import { WORDS_SLOT, type MeterWarning, type MeterWarningTexts } from '../shared/password-rules';

/** The texts the server put on the password field (`data-warnings`); none when missing or garbled. */
export function parseMeterWarningTexts(json: string | undefined): MeterWarningTexts | null {
  try {
    const parsed = JSON.parse(json ?? '') as Partial<MeterWarningTexts> | null;
    return parsed && Array.isArray(parsed.no_context_words) && typeof parsed.kinds === 'object'
      ? (parsed as MeterWarningTexts)
      : null;
  } catch {
    return null;
  }
}

/** The warning in the page's language: the server's sentence, with the context words listed by `Intl`. */
export function describeMeterWarning(
  warning: MeterWarning | null,
  texts: MeterWarningTexts | null,
  locale: string,
): string {
  if (!warning || !texts) return '';
  if (warning.rule !== 'no_context_words') return texts[warning.rule];
  const count = Math.min(warning.kinds.length, texts.no_context_words.length);
  const sentence = texts.no_context_words[count - 1] ?? '';
  const names = warning.kinds.map((kind) => texts.kinds[kind]);
  return sentence.replace(WORDS_SLOT, new Intl.ListFormat(locale, { type: 'conjunction' }).format(names));
}
