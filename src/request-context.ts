/** Who is asking, from where: taken from the request at the edge (web/form.ts) and passed into the domain. */
export interface RequestContext {
  ip: string;
  userAgent: string;
  /** The language the request is answered in (not set off a request, as in the scripts). */
  locale?: string;
  /** Set when the request came through the REST API: the token acting for its creator. */
  apiToken?: { id: string; name: string };
}
