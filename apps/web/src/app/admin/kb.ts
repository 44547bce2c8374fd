import type { ApiSchema } from '@switchboard/api-client';

export type KbCategory = ApiSchema<'KbCategoryV1'>;

/** A slug from a name: lowercase letters, digits and inner dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}
