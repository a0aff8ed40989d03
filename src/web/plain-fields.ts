import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/** The names this app's forms use; `code[$ne]`, `$where`, `a.b` and the like are none of them. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

function refuse(message: string): HttpError {
  return new HttpError(400, message, 'field_invalid');
}

/** The name as sent, cut short: the message's own quotation marks surround it. */
function shortened(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** Per path, the fields a form may repeat (a group of checkboxes), each value still plain text. */
export type RepeatableFields = Readonly<Record<string, readonly string[]>>;

function isPlainList(value: unknown): boolean {
  return Array.isArray(value) && value.length <= 20 && value.every((item) => typeof item === 'string');
}

/**
 * Every form here posts flat fields, each once, as text. Anything else — a bracketed or operator
 * name (`code[$ne]=1`), a repeated field (an array), a JSON object or number — is refused with a 400
 * before any route, rate limit or session runs, so such input can never move a counter, record an
 * attempt or write an audit row. Only the fields `repeatable` names for a path may come as a list.
 */
export function requirePlainFields(repeatable: RepeatableFields = {}): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (body === undefined) return next();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return next(refuse(req.t('common:errors.fields.not_a_form')));
    }
    const listFields = Object.hasOwn(repeatable, req.path) ? repeatable[req.path]! : [];
    for (const [name, value] of Object.entries(body)) {
      if (!FIELD_NAME.test(name)) {
        return next(refuse(req.t('common:errors.fields.unknown_name', { name: shortened(name) })));
      }
      if (typeof value === 'string' || (listFields.includes(name) && isPlainList(value))) continue;
      return next(refuse(req.t('common:errors.fields.not_plain', { name: shortened(name) })));
    }
    next();
  };
}
