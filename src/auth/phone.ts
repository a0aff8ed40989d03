/** E.164 as stored: + and a country code that does not start with 0, then 8 to 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** A number an SMS gateway can dial: the one format phones are stored and texted in. */
export function isE164Phone(value: string): boolean {
  return E164.test(value);
}
