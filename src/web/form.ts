import type { Request } from 'express';
import type { RequestContext } from '../request-context';

/**
 * A form field as one plain string, or null when it is missing, repeated (`a[]=1&a[]=2`), an
 * object (`{"$ne": null}`), or longer than `maxLength` code units. Operator objects never reach the store.
 */
export function stringField(body: unknown, name: string, maxLength = 1024): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[name];
  if (typeof value !== 'string' || value.length > maxLength) return null;
  return value;
}

/** An HTML checkbox: present with "on" means checked; anything else unchecked. */
export function checkboxField(body: unknown, name: string): boolean {
  return stringField(body, name, 10) === 'on';
}

/** The API's bearer authentication puts the token in `res.locals.apiToken`; its events then name it. */
export function requestContext(req: Request): RequestContext {
  const context: RequestContext = {
    ip: req.ip ?? '',
    userAgent: (req.get('user-agent') ?? '').slice(0, 300),
    locale: req.localized.locale,
  };
  const apiToken = req.res?.locals.apiToken as RequestContext['apiToken'];
  if (apiToken) context.apiToken = { id: apiToken.id, name: apiToken.name };
  return context;
}
