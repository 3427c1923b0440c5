import type { Container } from '@azure/cosmos';
import type { PreferenceRepository, UserPreferences } from '../../usecases/ports';

interface PreferencesDocument extends UserPreferences {
  id: 'preferences';
  type: 'preferences';
  aadObjectId: string;
}

/** Preferences live in the user's partition of the members container, beside their memberships. */
export class CosmosPreferenceRepository implements PreferenceRepository {
  constructor(private readonly container: Container) {}

  async get(aadObjectId: string): Promise<UserPreferences> {
    const { resource } = await this.container.item('preferences', aadObjectId).read<PreferencesDocument>();
    if (!resource) return {};
    const { language, mutedKinds, quietHours, weeklyDigest } = resource;
    return {
      ...(language ? { language } : {}),
      ...(mutedKinds?.length ? { mutedKinds } : {}),
      ...(quietHours ? { quietHours } : {}),
      ...(weeklyDigest ? { weeklyDigest } : {}),
    };
  }

  async save(aadObjectId: string, preferences: UserPreferences): Promise<void> {
    const doc: PreferencesDocument = { id: 'preferences', type: 'preferences', aadObjectId, ...preferences };
    await this.container.items.upsert(doc);
  }
}
