import { createTextSealer, type TextSealer } from '../outbox/text-sealer';

/** Its own key (derived from OUTBOX_KEY for this purpose): a sealed username opens nowhere else. */
const PURPOSE = 'resetdesk reset intent username v1';

export function createIntentSealer(outboxKey: string): TextSealer {
  return createTextSealer(outboxKey, PURPOSE);
}
