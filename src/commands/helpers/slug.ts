/** A file-name-safe form of a name: letters (å, ä, ö kept), digits and dashes. */
export function slug(name: string): string {
  return (
    name
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'koda'
  );
}
