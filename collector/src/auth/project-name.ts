/** The project data goes to while auth is off, and the one `ragtrace keys create` suggests. */
export const DEFAULT_PROJECT = 'default';

/**
 * Project names are short and plain, so they are safe in file names, URLs and the SQL filters
 * built from them (which quote them anyway).
 */
export const PROJECT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isProjectName(value: string): boolean {
  return PROJECT_NAME_PATTERN.test(value);
}
