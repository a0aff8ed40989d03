/** Who is asking, from where: taken from the request at the edge (web/form.ts) and passed into the domain. */
export interface RequestContext {
  ip: string;
  userAgent: string;
}
