import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SvgNode {
  name: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  text: string;
}

/** Parses SVG text with a real XML parser (fast-xml-parser) into a small tree; throws when it is not well-formed XML. */
export function parseSvg(svg: string): SvgNode {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false });
  const convert = (raw: Record<string, unknown>): SvgNode | null => {
    const name = Object.keys(raw).find((k) => k !== ':@');
    if (!name || name === '?xml') return null;
    if (name === '#text') return { name, attrs: {}, children: [], text: String(raw[name]) };
    const kids = ((raw[name] as Record<string, unknown>[]) ?? []).map(convert).filter((n): n is SvgNode => n !== null);
    const text = kids.filter((k) => k.name === '#text').map((k) => k.text).join('');
    return { name, attrs: (raw[':@'] as Record<string, string>) ?? {}, children: kids.filter((k) => k.name !== '#text'), text };
  };
  const roots = (parser.parse(svg) as Record<string, unknown>[]).map(convert).filter((n): n is SvgNode => n !== null);
  const svgRoot = roots.find((n) => n.name === 'svg');
  if (!svgRoot) throw new Error('no <svg> root element');
  return svgRoot;
}

/** Every element below a node (depth first) that matches. */
export function findAll(node: SvgNode, match: (n: SvgNode) => boolean): SvgNode[] {
  const out: SvgNode[] = [];
  const walk = (n: SvgNode) => {
    if (match(n)) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}
