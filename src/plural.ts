/** "1 session", "3 sessions"; irregular or phrase forms pass `many` ("1 message is", "2 messages are"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
