/** The first code point of each run of ten digits people type besides ASCII 0–9. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic ٠–٩
  0x06f0, // Eastern Arabic-Indic (Persian, Urdu) ۰–۹
  0xff10, // full-width ０–９ (Japanese input methods)
];

const OTHER_DIGITS = new RegExp(
  `[${DIGIT_ZEROS.map((zero) => `\\u{${zero.toString(16)}}-\\u{${(zero + 9).toString(16)}}`).join('')}]`,
  'gu',
);

/**
 * Codes, national IDs and phone numbers as ASCII digits, whatever script they were typed in:
 * `١٢٣٤٥٦`, `۱۲۳۴۵۶` and `１２３４５６` all become `123456`. Everything else is left as it is.
 */
export function toAsciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS, (digit) => {
    const code = digit.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((start) => code >= start && code <= start + 9)!;
    return String(code - zero);
  });
}
