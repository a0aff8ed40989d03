/*
 * What a detail page may show of a phone number or national ID. The mask has a fixed length so it
 * does not reveal how long the value is; the full value never reaches the HTML.
 */

const MASK = '••••••';

/** "••••••123": enough for the help desk to confirm a number the caller reads out. */
export function maskPhone(phone: string | null): string | null {
  return phone ? `${MASK}${phone.slice(-3)}` : null;
}

/** "••••••4321": the last four, as on printed ID cards. */
export function maskNationalId(nationalId: string | null): string | null {
  return nationalId ? `${MASK}${nationalId.slice(-4)}` : null;
}
