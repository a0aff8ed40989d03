/** a•••@example.org: enough for the owner to recognise, little for a shoulder-surfer. */
export function maskUsername(username: string): string {
  const [local = '', domain = ''] = username.split('@');
  return `${[...local][0] ?? ''}•••@${domain}`;
}
