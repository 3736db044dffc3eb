/** A localised string: the codebook template shows in the project's language. */
export interface Localised {
  sv: string;
  en: string;
}

/**
 * One node of a codebook template. The top level are themes or categories, leaves are codes;
 * a node without `color` inherits its parent's when applied.
 */
export interface CodebookTemplateNode {
  name: Localised;
  /** `#rrggbb` */
  color?: string;
  description: Localised;
  children?: CodebookTemplateNode[];
}

export interface CodebookTemplate {
  id: string;
  title: Localised;
  nodes: CodebookTemplateNode[];
}
