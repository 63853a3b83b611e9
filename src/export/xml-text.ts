/**
 * Text safe for XML 1.0 character data and attributes: characters XML forbids
 * (C0 controls other than tab, newline and carriage return; lone surrogates;
 * U+FFFE/U+FFFF) are replaced by U+FFFD, so a document's text never breaks an
 * export. Escaping of &, < and > is left to the XML writer.
 */
export function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
