/** The part of sax 1.6 (untyped) that the streaming RSS reader uses. */
declare module 'sax' {
  /** An element as sax reports it when it opens (not namespace-aware: attributes by qualified name). */
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  /** A push parser: set the handlers, then `write(text).close()`. */
  export interface SAXParser {
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (error: Error) => void;
    write(text: string): SAXParser;
    close(): SAXParser;
  }
  /** A parser, strict or lenient, with sax's options. */
  export function parser(strict: boolean, options: { trim?: boolean; normalize?: boolean; xmlns?: boolean }): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
