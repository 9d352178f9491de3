/**
 * The trust directory: schools (with aliases, alerts channel and triagers), the trust channel
 * and the trust's named people. Seeded from a JSON file; everything changed in Teams
 * (linked channels, triagers, a user's remembered school) lives in the records store, so all
 * instances share it and it survives restarts. Seed values are defaults; stored values win.
 */
import fs from 'node:fs';
import type { RecordStore } from '../../storage/recordStore';
import { mutate } from '../../storage/recordStore';

/** Where to post in Teams, as plain data (no SDK types): enough to start a new channel thread. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
  serviceUrl: string;
  tenantId: string;
  teamName?: string;
  channelName?: string;
}

export interface SchoolSeed {
  id: string;
  name: string;
  aliases?: string[];
  triagers?: string[];
  alertsChannel?: ChannelRef;
}

export interface NamedPerson {
  role: string;
  title: string;
  aadObjectId: string;
}

export interface DirectorySeed {
  trust: { name: string; shortName?: string; namedPeople?: NamedPerson[]; trustChannel?: ChannelRef };
  schools: SchoolSeed[];
}

export interface School {
  id: string;
  name: string;
  aliases: string[];
  /** Entra object ids of the people who may triage this school's alerts. */
  triagers: string[];
  alertsChannel?: ChannelRef;
}

/** What the store holds per school: only what was changed in Teams. */
interface SchoolOverride {
  triagers?: string[];
  alertsChannel?: ChannelRef | null;
}

interface TrustOverride {
  trustChannel?: ChannelRef | null;
}

export class DirectoryError extends Error {}

export function loadDirectorySeed(file: string): DirectorySeed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DirectoryError(`Cannot read the directory file ${file}: ${(err as Error).message}`);
  }
  const seed = parsed as DirectorySeed;
  if (!seed || typeof seed !== 'object' || !seed.trust?.name || !Array.isArray(seed.schools)) {
    throw new DirectoryError(`The directory file ${file} must have "trust": {"name"} and "schools": [...]`);
  }
  const ids = new Set<string>();
  for (const s of seed.schools) {
    if (!s.id || !/^[a-z0-9][a-z0-9-]{0,40}$/.test(s.id)) throw new DirectoryError(`School id "${s.id}" must be lower-case letters, digits and dashes`);
    if (!s.name) throw new DirectoryError(`School "${s.id}" has no name`);
    if (ids.has(s.id)) throw new DirectoryError(`School id "${s.id}" appears twice`);
    ids.add(s.id);
  }
  return seed;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export class Directory {
  constructor(private readonly store: RecordStore, private readonly seed: DirectorySeed) {}

  get trustName(): string {
    return this.seed.trust.name;
  }

  namedPeople(): NamedPerson[] {
    return this.seed.trust.namedPeople ?? [];
  }

  async listSchools(): Promise<School[]> {
    return Promise.all(this.seed.schools.map((s) => this.merge(s)));
  }

  async getSchool(id: string): Promise<School | undefined> {
    const seed = this.seed.schools.find((s) => s.id === id);
    return seed ? this.merge(seed) : undefined;
  }

  /** Finds a school by id, name or alias as someone might type it ("beacon", "The Beacon"). */
  findSchool(text: string): SchoolSeed | undefined {
    const t = norm(text);
    if (!t) return undefined;
    return this.seed.schools.find((s) => s.id === t || norm(s.name) === t || (s.aliases ?? []).some((a) => norm(a) === t))
      ?? this.seed.schools.find((s) => norm(s.name).includes(t));
  }

  async trustChannel(): Promise<ChannelRef | undefined> {
    const o = (await this.store.get<TrustOverride>('directory', 'trust', 'settings'))?.value;
    if (o && 'trustChannel' in o) return o.trustChannel ?? undefined;
    return this.seed.trust.trustChannel;
  }

  async setTrustChannel(channel: ChannelRef | null): Promise<void> {
    await mutate<TrustOverride>(this.store, 'directory', 'trust', 'settings', (cur) => ({ ...cur, trustChannel: channel }));
  }

  async setAlertsChannel(schoolId: string, channel: ChannelRef | null): Promise<void> {
    this.requireSchool(schoolId);
    await mutate<SchoolOverride>(this.store, 'directory', 'school', schoolId, (cur) => ({ ...cur, alertsChannel: channel }));
  }

  async setTriagers(schoolId: string, triagers: string[]): Promise<void> {
    this.requireSchool(schoolId);
    const unique = [...new Set(triagers)];
    await mutate<SchoolOverride>(this.store, 'directory', 'school', schoolId, (cur) => ({ ...cur, triagers: unique }));
  }

  /** The school a user last reported for (remembered per user). */
  async userSchool(aadObjectId: string): Promise<string | undefined> {
    const rec = await this.store.get<{ schoolId: string }>('directory', 'user', aadObjectId);
    return rec && this.seed.schools.some((s) => s.id === rec.value.schoolId) ? rec.value.schoolId : undefined;
  }

  async setUserSchool(aadObjectId: string, schoolId: string): Promise<void> {
    this.requireSchool(schoolId);
    await this.store.upsert('directory', 'user', aadObjectId, { schoolId });
  }

  private requireSchool(id: string): void {
    if (!this.seed.schools.some((s) => s.id === id)) throw new DirectoryError(`No school with id "${id}"`);
  }

  private async merge(seed: SchoolSeed): Promise<School> {
    const o = (await this.store.get<SchoolOverride>('directory', 'school', seed.id))?.value;
    return {
      id: seed.id,
      name: seed.name,
      aliases: seed.aliases ?? [],
      triagers: o?.triagers ?? seed.triagers ?? [],
      alertsChannel: o && 'alertsChannel' in o ? o.alertsChannel ?? undefined : seed.alertsChannel,
    };
  }
}
