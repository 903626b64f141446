/** Why a desk name cannot be used, or null. Desks are named by people ("Politics", "Sport"). */
export function deskNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A desk needs a name.';
  if (name !== name.trim()) return 'A desk name does not start or end with spaces.';
  if (name.length > 60) return 'A desk name is at most 60 characters.';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A desk name has no control characters.';
  return null;
}

/** The most desks one account may be on (bounds what every token check loads). */
export const MAX_DESKS_PER_ACCOUNT = 100;
