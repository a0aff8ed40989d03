import { randomUUID } from 'node:crypto';

/** Record ids are random UUIDs in every adapter, so ids look the same whatever the store. */
export function newId(): string {
  return randomUUID();
}
