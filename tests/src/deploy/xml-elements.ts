/** An element of a parsed XML document: enough structure to read ClickHouse config files. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const TOKEN =
  /<!--[^]*?-->|<\?[^]*?\?>|<\/([\w.-]+)\s*>|<([\w.-]+)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*"([^"]*)"/g;

/**
 * Parses a well-formed XML document without DTDs or CDATA (which ClickHouse configs don't use)
 * and throws on anything else: unbalanced or mismatched tags, a stray `<`, several roots, or text
 * outside the root.
 */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  for (const match of source.matchAll(TOKEN)) {
    const [, closing, opening, attributeText, selfClosing, text, stray] = match;
    const parent = open[open.length - 1] ?? root;
    if (stray) throw new Error(`Malformed markup at offset ${match.index}`);
    if (text !== undefined) {
      if (parent === root && text.trim() !== '') throw new Error('Text outside the root element');
      parent.text += text;
    } else if (opening) {
      const attributes = Object.fromEntries(
        [...(attributeText ?? '').matchAll(ATTRIBUTE)].map((a) => [a[1], a[2]]),
      );
      const element: XmlElement = { name: opening, attributes, children: [], text: '' };
      parent.children.push(element);
      if (!selfClosing) open.push(element);
    } else if (closing) {
      if (parent.name !== closing) throw new Error(`</${closing}> closes <${parent.name}>`);
      open.pop();
    }
  }
  if (open.length !== 1) throw new Error(`<${open[open.length - 1]?.name}> is never closed`);
  const [documentElement, ...others] = root.children;
  if (!documentElement || others.length > 0) throw new Error('An XML document has exactly one root element');
  return documentElement;
}

/** The elements at a path of child names below `element`, e.g. `['remote_servers', '*', 'shard']`. */
export function elementsAt(element: XmlElement, path: readonly string[]): XmlElement[] {
  let current = [element];
  for (const step of path) {
    current = current.flatMap((node) => node.children.filter((child) => step === '*' || child.name === step));
  }
  return current;
}

/** Trimmed text of the single element at `path`; throws when there is none or several. */
export function textAt(element: XmlElement, path: readonly string[]): string {
  const found = elementsAt(element, path);
  if (found.length !== 1) throw new Error(`Expected one <${path.join('/')}>, found ${found.length}`);
  return (found[0]?.text ?? '').trim();
}
