import { type AttributeType, normalizeAttributeValue } from '../../../core/cases/attributeValue.js';
import type { PlanCase, PlanVariable } from '../plan.js';
import { childOf, childrenOf, type XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';
import { normalizeGuid, referenced, SELECTIONS, SOURCES } from './guids.js';
import { freeName, sameExactly } from './values.js';

/**
 * `<Variables>` and `<Cases>`: attributes with their types, cases with their values, sources and
 * turns (selections); a variable whose values do not all fit its type becomes text.
 */

/** A case's value of a variable as written, before it is typed. */
export interface RawValue {
  caseGuid: string;
  variableGuid: string;
  raw: string;
}

export function readVariables(ctx: PlanContext): void {
  for (const v of childrenOf(childOf(ctx.root, 'Variables'), 'Variable')) {
    const guid = normalizeGuid(v.attrs.guid) as string;
    const name = freeName(
      (v.attrs.name ?? '').trim().slice(0, 200) || guid.slice(0, 8),
      ctx.variables.map((x) => x.name),
      sameExactly,
    );
    const description = childOf(v, 'Description')?.text ?? '';
    const choices = kodaChoices(description);
    const type = choices ? 'choice' : variableType(v.attrs.typeOfVariable);
    if (v.attrs.typeOfVariable === 'DateTime') ctx.summary.add('variables-datetime-as-text', name);
    if (!choices && description.trim() !== '') ctx.summary.add('variable-descriptions', name);
    ctx.variables.push({ guid, name, type, choices: choices ?? [] });
  }
}

/** Reads the cases; their values come back by variable, to be typed once all are read. */
export function readCases(ctx: PlanContext): Map<string, RawValue[]> {
  const values = new Map<string, RawValue[]>();
  for (const c of childrenOf(childOf(ctx.root, 'Cases'), 'Case')) {
    const guid = normalizeGuid(c.attrs.guid) as string;
    const name = freeName(
      (c.attrs.name ?? '').trim().slice(0, 200) || `${ctx.words.case} ${ctx.cases.length + 1}`,
      ctx.cases.map((x) => x.name),
      sameExactly,
    );
    ctx.cases.push({ guid, name, description: childOf(c, 'Description')?.text ?? '', values: [] });
    for (const ref of childrenOf(c, 'CodeRef')) {
      referenced(ctx, ref, ['Code']);
      ctx.summary.add('case-codes', name);
    }
    for (const vv of childrenOf(c, 'VariableValue')) {
      const value = variableValue(ctx, vv);
      if (!value) continue;
      const list = values.get(value.variableGuid) ?? [];
      list.push({ caseGuid: guid, ...value });
      values.set(value.variableGuid, list);
    }
    readCaseSources(ctx, c, guid, name);
  }
  return values;
}

/** The sources and the selections (turns) a case names. */
function readCaseSources(ctx: PlanContext, c: XmlElement, guid: string, name: string): void {
  for (const ref of childrenOf(c, 'SourceRef')) {
    const source = referenced(ctx, ref, SOURCES);
    const first = ctx.sourceCase.get(source.guid);
    if (first && first !== guid) ctx.summary.add('sources-in-several-cases', name);
    else ctx.sourceCase.set(source.guid, guid);
  }
  for (const ref of childrenOf(c, 'SelectionRef')) {
    const selection = referenced(ctx, ref, SELECTIONS);
    if (selection.imported && !ctx.caseOfSelection.has(selection.guid)) ctx.caseOfSelection.set(selection.guid, guid);
    else ctx.summary.add('case-selections', name);
  }
}

/** A `<VariableValue>`: the variable it names (checked) and its value, null when empty. */
export function variableValue(ctx: PlanContext, vv: XmlElement): { variableGuid: string; raw: string } | null {
  const ref = childOf(vv, 'VariableRef');
  if (!ref) return null;
  const { guid } = referenced(ctx, ref, ['Variable']);
  const valueEl = vv.children.find((c) => c.name.endsWith('Value'));
  const raw = (valueEl?.text ?? '').trim();
  return raw === '' ? null : { variableGuid: guid, raw };
}

/** Types each variable's values; a variable whose values do not all fit its type becomes text. */
export function typeValues(ctx: PlanContext, values: Map<string, RawValue[]>): void {
  for (const variable of ctx.variables) {
    const list = values.get(variable.guid) ?? [];
    const typed = (type: AttributeType) =>
      list.map((v) => normalizeAttributeValue({ name: variable.name, type, choices: variable.choices }, v.raw));
    let stored: string[];
    try {
      stored = typed(variable.type);
    } catch {
      ctx.summary.add('variables-as-text', variable.name);
      variable.type = 'text';
      variable.choices = [];
      stored = typed('text');
    }
    list.forEach((v, i) => {
      const c = ctx.cases.find((x) => x.guid === v.caseGuid) as PlanCase;
      if (c.values.some((x) => x.variableGuid === variable.guid)) ctx.summary.add('values-repeated', c.name);
      else c.values.push({ variableGuid: variable.guid, value: stored[i] as string });
    });
  }
}

const KODA_CHOICES = /^Koda choices: (\[.*\])$/s;

/** Koda writes a choice attribute's choices in its Variable's description. */
function kodaChoices(description: string): string[] | null {
  const m = KODA_CHOICES.exec(description.trim());
  if (!m) return null;
  try {
    const list = JSON.parse(m[1] as string) as unknown;
    return Array.isArray(list) && list.length > 0 && list.every((c) => typeof c === 'string' && c.trim() !== '')
      ? (list as string[])
      : null;
  } catch {
    return null;
  }
}

function variableType(type: string | undefined): PlanVariable['type'] {
  switch (type) {
    case 'Boolean':
      return 'boolean';
    case 'Integer':
    case 'Float':
      return 'number';
    case 'Date':
      return 'date';
    default:
      return 'text';
  }
}
