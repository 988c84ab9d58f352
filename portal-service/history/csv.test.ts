// CSV: RFC 4180 quoting, and formula-looking text made inert.
import { csvField, neutralize, toCsv } from './csv.js'

test('fields with quotes, commas or line breaks are quoted, quotes doubled; lines end with CRLF', () => {
  expect(toCsv(['Name', 'Note'], [['Plain', 'Say "hi", then\nleave'], ['Café ☕', null]])).toBe('Name,Note\r\nPlain,"Say ""hi"", then\nleave"\r\nCafé ☕,\r\n')
})

test('text starting like a formula is prefixed with an apostrophe; numbers are not touched', () => {
  for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTab', '\rCR']) expect(neutralize(text)).toBe(`'${text}`)
  expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
  expect(csvField('a=b')).toBe('a=b')
  expect(csvField(-3)).toBe('-3')
  expect(csvField(true)).toBe('true')
})
