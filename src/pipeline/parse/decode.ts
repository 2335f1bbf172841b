import iconv from 'iconv-lite';

/** Labels that browsers decode with a wider table than their name says (WHATWG Encoding). */
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  big5: 'big5hkscs',
  'x-sjis': 'shift_jis',
  utf8: 'utf-8',
};

/** A decoded document and the encoding used to decode it. */
export interface DecodedBody {
  text: string;
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'xml-declaration' | 'content-type' | 'default';
}

/** The `charset=` parameter of a Content-Type header, lowercased, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** The `encoding=` of an XML declaration at the start of the bytes (read as ASCII), or null. */
export function encodingFromXmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function usableEncoding(label: string | null): string | null {
  if (!label) return null;
  const name = ENCODING_ALIASES[label] ?? label;
  return iconv.encodingExists(name) ? name : null;
}

function bomEncoding(body: Buffer): { encoding: string; length: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM still starts with `<` or `{` followed (or preceded) by a zero byte. */
function bomlessUtf16(body: Buffer): string | null {
  if (body.length < 4) return null;
  if (body[0] !== 0 && body[1] === 0 && body[2] !== 0 && body[3] === 0) return 'utf-16le';
  if (body[0] === 0 && body[1] !== 0 && body[2] === 0 && body[3] !== 0) return 'utf-16be';
  return null;
}

/**
 * `iconv.decode(body, encoding)`, with UTF-8 decoded by Buffer itself: the same text (invalid bytes
 * become U+FFFD alike, and a leading U+FEFF is dropped as iconv-lite drops it) in one pass instead of
 * iconv-lite's string decoder.
 */
export function decodeAs(body: Buffer, encoding: string): string {
  if (encoding !== 'utf-8') return iconv.decode(body, encoding);
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The encoding a body is decoded with, where it came from, and how many bytes of byte-order mark precede the text. */
export interface BodyEncoding {
  encoding: string;
  source: DecodedBody['source'];
  offset: number;
}

/**
 * The encoding of a feed body. Order: byte-order mark, then the XML declaration's `encoding=`
 * (XML documents only), then the Content-Type charset, then UTF-8. Unknown labels are skipped, so
 * a typo in one place falls through to the next source.
 */
export function bodyEncoding(body: Buffer, contentType: string | null): BodyEncoding {
  const bom = bomEncoding(body);
  if (bom) return { encoding: bom.encoding, source: 'bom', offset: bom.length };
  const utf16 = bomlessUtf16(body);
  if (utf16) return { encoding: utf16, source: 'bom', offset: 0 };
  const declared = usableEncoding(encodingFromXmlDeclaration(body));
  if (declared) return { encoding: declared, source: 'xml-declaration', offset: 0 };
  const header = usableEncoding(charsetFromContentType(contentType));
  if (header) return { encoding: header, source: 'content-type', offset: 0 };
  return { encoding: 'utf-8', source: 'default', offset: 0 };
}

/** Decodes a feed body to a string, in the encoding {@link bodyEncoding} gives. */
export function decodeBody(body: Buffer, contentType: string | null): DecodedBody {
  const { encoding, source, offset } = bodyEncoding(body, contentType);
  return { text: decodeAs(offset === 0 ? body : body.subarray(offset), encoding), encoding, source };
}

const LESS_THAN = 0x3c;

/**
 * UTF-8 bytes decoded in pieces of about `size` bytes, each cut just before a `<` byte: the pieces
 * joined are `decodeAs(body, 'utf-8')` (a `<` byte is never inside a character, invalid bytes
 * included, and a leading U+FEFF is dropped from the first piece), and no markup, entity or
 * character reference of an XML document is split between two pieces except at its `<`.
 */
export function* utf8Pieces(body: Buffer, size: number): Generator<string> {
  for (let start = 0; start < body.length;) {
    const cut = body.indexOf(LESS_THAN, start + size);
    const end = cut < 0 ? body.length : cut;
    const piece = body.toString('utf8', start, end);
    yield start === 0 && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
    start = end;
  }
}

const DECLARED_ENCODING = /^(\s*<\?xml\b[^>]*?)\bencoding\s*=\s*["']([^"']*)["']/;

/**
 * Rewrites the `encoding=` of an already-decoded document's XML declaration to UTF-8, so
 * nothing downstream re-decodes the text with the original charset. A declaration that already
 * says UTF-8 (in any case) is left as it is, so the document is not copied.
 */
export function neutralizeXmlDeclaration(xml: string): string {
  const declared = DECLARED_ENCODING.exec(xml)?.[2];
  if (declared === undefined || declared.toLowerCase() === 'utf-8') return xml;
  return xml.replace(DECLARED_ENCODING, '$1encoding="utf-8"');
}

/**
 * Whether the start of a document settles what {@link neutralizeXmlDeclaration} does to the whole
 * document: its declaration's `encoding=` is read to its closing quote, or there is none.
 */
export function declarationReadable(start: string): boolean {
  return DECLARED_ENCODING.test(start) || !/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']/.test(start);
}
