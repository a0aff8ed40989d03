import { screeningForm } from './breached-passwords';

/**
 * Words an attacker tries first against one account: its owner's name, username and email domain,
 * the organisation, this product, and the national ID. They feed zxcvbn's user inputs and a direct
 * "contains" rule, on the server and (for what the page may show) in the browser's checklist.
 */
export type ContextWordKind =
  'name' | 'username' | 'email_domain' | 'organisation' | 'product' | 'national_id';

export interface ContextWord {
  word: string;
  kind: ContextWordKind;
}

export interface ContextSources {
  username?: string | undefined;
  displayName?: string | undefined;
  /** ORG_NAME */
  orgName?: string | null | undefined;
  /** Server only: never sent to a page. */
  nationalId?: string | null | undefined;
}

export const PRODUCT_NAME = 'ResetDesk';
/** Scored by zxcvbn only: "reset" or "desk" inside a phrase is no giveaway of this product. */
const PRODUCT_HINTS = ['reset', 'desk', 'password'];
/** Shorter parts ("al", "it") would refuse half of all passphrases; zxcvbn still weighs them. */
const MIN_CONTAINED_LENGTH = 4;

const WORD_BREAK = /[^\p{L}\p{N}]+/u;

function parts(text: string, separator: RegExp): string[] {
  return text.split(separator).filter(Boolean);
}

/** Every context word of an account, in screeningForm, tagged with where it comes from. */
export function contextWords({ username, displayName, orgName, nationalId }: ContextSources): ContextWord[] {
  const words: ContextWord[] = [];
  const add = (kind: ContextWordKind, list: string[]) => {
    for (const word of list) if (word) words.push({ word, kind });
  };
  const [localPart = '', domain = ''] = screeningForm(username ?? '').split('@');
  add('name', parts(screeningForm(displayName ?? ''), WORD_BREAK));
  add('username', [localPart, ...parts(localPart, /[._+-]+/)]);
  add('email_domain', [domain, ...parts(domain, /[.-]+/)]);
  add('organisation', parts(screeningForm(orgName ?? ''), WORD_BREAK));
  add('product', [screeningForm(PRODUCT_NAME)]);
  add('national_id', [(nationalId ?? '').replace(/\D/g, '')]);
  return words;
}

/** zxcvbn's user inputs: the context words and the product's hints, 3 characters or more. */
export function strengthInputs(words: ContextWord[]): string[] {
  return [...new Set([...words.map(({ word }) => word), ...PRODUCT_HINTS])].filter(
    (word) => [...word].length >= 3,
  );
}

/** Which kinds of context word the password contains (4+ characters, after screeningForm), in order. */
export function containedContextKinds(password: string, words: ContextWord[]): ContextWordKind[] {
  const screened = screeningForm(password);
  const kinds = words
    .filter(({ word }) => [...word].length >= MIN_CONTAINED_LENGTH && screened.includes(word))
    .map(({ kind }) => kind);
  return [...new Set(kinds)];
}
