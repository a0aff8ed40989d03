import { describeTicketError } from '../../../src/admin/admin-messages';
import {
  compileTicketPattern,
  deriveTicketExample,
  parseTicketRef,
  type TicketRefConfig,
} from '../../../src/admin/ticket-ref';
import { en, localized } from '../../support/i18n';

function ticketConfig(mode: TicketRefConfig['mode'], source: string | null = null): TicketRefConfig {
  const pattern = source === null ? null : compileTicketPattern(source);
  return {
    mode,
    pattern,
    patternSource: source,
    example: source === null ? null : deriveTicketExample(source, pattern!),
  };
}

describe('ticket reference rule', () => {
  const required = ticketConfig('required', '^(INC|RITM)[0-9]{7}$');

  test('when a ticket is required, then a missing or blank one is refused and a matching one is trimmed', () => {
    expect(parseTicketRef(null, required)).toEqual({ ok: false, error: 'ticket_required' });
    expect(parseTicketRef('   ', required)).toEqual({ ok: false, error: 'ticket_required' });
    expect(parseTicketRef(' INC0012345\t', required)).toEqual({ ok: true, value: 'INC0012345' });
    expect(parseTicketRef('RITM0012345', required)).toEqual({ ok: true, value: 'RITM0012345' });
  });

  test('when the pattern does not match the whole value, then it is a format error', () => {
    for (const value of ['INC001234', 'XINC0012345', 'INC0012345X', 'inc0012345', `INC${'1'.repeat(100)}`]) {
      expect([value, parseTicketRef(value, required)]).toEqual([
        value,
        { ok: false, error: 'ticket_format' },
      ]);
    }
  });

  test('when optional without a pattern, then none is fine and any one line of at most 64 characters is kept', () => {
    const optional = ticketConfig('optional');
    expect(parseTicketRef('', optional)).toEqual({ ok: true, value: null });
    expect(parseTicketRef('CHG-42 / desk 3', optional)).toEqual({ ok: true, value: 'CHG-42 / desk 3' });
    expect(parseTicketRef('x'.repeat(64), optional)).toMatchObject({ ok: true });
    expect(parseTicketRef('x'.repeat(65), optional)).toEqual({ ok: false, error: 'ticket_format' });
    expect(parseTicketRef('INC1\nINC2', optional)).toEqual({ ok: false, error: 'ticket_format' });
    expect(parseTicketRef('INC1\u202eevil', optional)).toEqual({ ok: false, error: 'ticket_format' });
  });

  test('when off, then whatever was submitted is ignored', () => {
    expect(parseTicketRef('anything\n', ticketConfig('off', '^A$'))).toEqual({ ok: true, value: null });
  });

  test('when the pattern is simple, then the example is readable; otherwise the message shows the pattern', () => {
    const example = (source: string) => deriveTicketExample(source, compileTicketPattern(source));
    expect(example('^(INC|RITM)[0-9]{7}$')).toBe('INC0012345');
    expect(example('CHG\\d{3}')).toBe('CHG123');
    expect(example('[A-Z]{2}-[0-9]{4,6}')).toBe('AB-1234');
    expect(example('(?:SR)[0-9]+')).toBe('SR1');
    expect(example('[A-F0-9]{8}')).toBeNull();
    expect(describeTicketError('ticket_required', required, en)).toBe(
      'Enter the ticket reference, like INC0012345.',
    );
    expect(describeTicketError('ticket_format', required, en)).toBe(
      'The ticket reference must look like INC0012345.',
    );
    const opaque = ticketConfig('required', '[A-F0-9]{8}');
    expect(describeTicketError('ticket_format', opaque, en)).toBe(
      'The ticket reference must match the pattern [A-F0-9]{8}.',
    );
    expect(describeTicketError('ticket_format', ticketConfig('optional'), en)).toBe(
      'The ticket reference must be one line of at most 64 characters.',
    );
    expect(describeTicketError('ticket_required', required, localized('ar').t)).toBe(
      'يُرجى إدخال رقم التذكرة، مثل INC0012345.',
    );
  });
});
