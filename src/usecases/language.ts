import type { Language, Repositories } from './ports';

/**
 * The language of a turn: the user's own choice if they made one, else English when Teams
 * reports an English locale, else Danish.
 */
export async function resolveLanguage(repos: Repositories, aadObjectId: string | undefined, locale: string | undefined): Promise<Language> {
  const chosen = aadObjectId ? (await repos.preferences.get(aadObjectId)).language : undefined;
  if (chosen) return chosen;
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export async function chooseLanguage(repos: Repositories, aadObjectId: string | undefined, language: Language): Promise<boolean> {
  if (!aadObjectId) return false;
  await repos.preferences.save(aadObjectId, { ...(await repos.preferences.get(aadObjectId)), language });
  return true;
}
