import { notFound } from '../../errors.js';
import { trafficLight } from './trafficLight.js';
import type { CodebookTemplate } from './types.js';

/** Built-in codebook templates, by id. */
export const templates: Record<string, CodebookTemplate> = {
  [trafficLight.id]: trafficLight,
};

export function findTemplate(id: string): CodebookTemplate {
  const template = templates[id];
  if (!template) throw notFound('template.not-found', { template: id, templates: Object.keys(templates).join(', ') });
  return template;
}
