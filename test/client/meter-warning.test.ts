import { meterWarningTexts } from '../../src/auth/password-messages';
import { describeMeterWarning, parseMeterWarningTexts } from '../../src/client/meter-warning';
import { localized } from '../support/i18n';

const RULES = { minLength: 8, maxLength: 64, composition: true, minScore: 3 };

/** What the page carries on its password field, as the browser reads it back. */
function pageTexts(locale: string) {
  return parseMeterWarningTexts(JSON.stringify(meterWarningTexts(RULES, localized(locale))));
}

describe('the live meter’s warnings in the page’s language', () => {
  test('when an English page warns, then it says what the server would, context words listed naturally', () => {
    const texts = pageTexts('en');
    expect(describeMeterWarning({ rule: 'length_max' }, texts, 'en')).toBe('Use at most 64 characters.');
    expect(describeMeterWarning({ rule: 'not_breached' }, texts, 'en')).toMatch(
      /^This password appears in lists of breached passwords/,
    );
    expect(describeMeterWarning({ rule: 'no_context_words', kinds: ['name'] }, texts, 'en')).toBe(
      'It contains your name: leave it out, attackers try such words first.',
    );
    expect(
      describeMeterWarning(
        { rule: 'no_context_words', kinds: ['name', 'username', 'organisation'] },
        texts,
        'en',
      ),
    ).toBe(
      'It contains your name, your username, and the organisation’s name: leave them out, attackers try such words first.',
    );
  });

  test('when an Arabic or Japanese page warns, then the sentence and the list are in that language', () => {
    const arabic = describeMeterWarning(
      { rule: 'no_context_words', kinds: ['name', 'username'] },
      pageTexts('ar'),
      'ar',
    );
    expect(arabic).toContain(localized('ar').t('password:context.name'));
    expect(arabic).toContain(' و');
    expect(arabic).not.toMatch(/[A-Za-z]/);
    const japanese = describeMeterWarning({ rule: 'length_max' }, pageTexts('ja'), 'ja');
    expect(japanese).toBe(localized('ja').t('password:failures.length_max', { count: 64 }));
  });

  test('when nothing is wrong or the page carries no texts, then nothing is said', () => {
    expect(describeMeterWarning(null, pageTexts('en'), 'en')).toBe('');
    expect(describeMeterWarning({ rule: 'not_breached' }, parseMeterWarningTexts('{broken'), 'en')).toBe('');
    expect(parseMeterWarningTexts(undefined)).toBeNull();
  });
});
