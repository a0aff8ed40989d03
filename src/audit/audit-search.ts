import type { Translate } from '../i18n/localization';
import type { AuditDetails } from '../store';
import { KNOWN_AUDIT_ACTIONS, type AuditAction } from './audit-actions';
import { AUDIT_CATEGORIES, describeAuditEvent, type SentenceParts } from './audit-messages';

/** Enough variety to bring out every wording a sentence has (outcome- and detail-dependent ones too). */
const SAMPLE_OUTCOMES = [
  'ok',
  'sent',
  'locked',
  'unknown_user',
  'wrong_password',
  'attempts_used_up',
  'no_user',
];
const SAMPLE_DETAILS: readonly AuditDetails[] = [
  {
    method: 'reset-password',
    emailed: true,
    logoutSessions: true,
    sessionsRevoked: 2,
    mustChangePassword: true,
  },
  { method: 'temp-password-sms', scope: 'others', purpose: 'invite', via: 'cli', attemptsLeft: 1 },
  { method: 'password', scope: 'all', purpose: 'reset', fields: 'status' },
];
const SAMPLE_CHANNELS = ['email', 'sms', 'in_person'];

function categoryLabelOf(t: Translate, action: AuditAction): string {
  const entry = Object.values(AUDIT_CATEGORIES).find((category) =>
    (category.actions as readonly string[]).includes(action),
  );
  return entry ? t(entry.label) : '';
}

/** Every wording of an action's sentence, its category and its code, lower-cased: what free text is matched against. */
function searchableText(t: Translate, action: AuditAction): string {
  const texts = [action, action.replace(/[._]/g, ' '), categoryLabelOf(t, action)];
  for (const outcome of SAMPLE_OUTCOMES) {
    for (const details of SAMPLE_DETAILS) {
      for (const channel of SAMPLE_CHANNELS) {
        // Placeholder names, so no person's name or the word "account" makes every sentence match.
        const parts: SentenceParts = { actor: '¤', target: '¤', outcome, channel, details };
        texts.push(describeAuditEvent(t, action, parts));
      }
    }
  }
  return searchable(texts.join('\n'));
}

/**
 * Text as it is compared: NFKC (full-width letters as ASCII), lower case, and without Arabic short vowels
 * and other marks, which people seldom type but the sentences carry ("قُفل" is found by "قفل").
 */
function searchable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670]/g, '');
}

type SearchIndex = { action: AuditAction; text: string }[];

// Built once per language (each language's translator is one shared function): the viewer searches the
// sentences they read.
const indexes = new WeakMap<Translate, SearchIndex>();

function indexFor(t: Translate): SearchIndex {
  let index = indexes.get(t);
  if (!index) {
    index = KNOWN_AUDIT_ACTIONS.map((action) => ({ action, text: searchableText(t, action) }));
    indexes.set(t, index);
  }
  return index;
}

/**
 * The actions whose sentences in `t`'s language (in any wording), category or code contain every word
 * of `text`: "password" finds resets and sign-in failures, "text message" the SMS events.
 */
export function actionsMatching(t: Translate, text: string): AuditAction[] {
  const words = searchable(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return indexFor(t)
    .filter((entry) => words.every((word) => entry.text.includes(word)))
    .map((entry) => entry.action);
}
