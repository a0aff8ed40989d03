import { toAsciiDigits } from '../../src/shared/digits';

describe('digits in any script', () => {
  test.each([
    ['١٢٣٤٥٦', '123456'],
    ['۱۲۳۴۵۶', '123456'],
    ['１２３４５６', '123456'],
    ['٠٩ ۰۹ ０９ 09', '09 09 09 09'],
    ['+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧', '+966 50 123 4567'],
    ['code: ١٢3-４５6', 'code: 123-456'],
  ])('when %s is typed, then it reads %s', (typed, ascii) => {
    expect(toAsciiDigits(typed)).toBe(ascii);
  });

  test('when the text has letters of those scripts, then only the digits change', () => {
    expect(toAsciiDigits('رمز ٤٢ コード４２')).toBe('رمز 42 コード42');
  });
});
