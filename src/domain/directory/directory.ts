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

/** A team the app was installed in (recorded from Teams' conversationUpdate). */
export interface TeamInstall {
  teamId: string;
  teamName?: string;
  serviceUrl: string;
  tenantId: string;
  /** The channel the install event came from (usually General). */
  channelId?: string;
  installedAt: string;
  installedBy?: string;
  /** Set when the app is removed from the team; the record is kept. */
  removedAt?: string;
}

/** What the bot knows about a person from Teams: their display name and Teams user id (MRI). */
export interface PersonInfo {
  aadObjectId: string;
  name: string;
  /** 29:... id; Universal Actions `refresh.userIds` needs these. */
  teamsUserId?: string;
}

/** What a channel is linked to. */
export type ChannelLink = { kind: 'school'; school: School } | { kind: 'trust' };

/** The trust's named people who receive reports concerning a school's triagers. */
export const BYPASS_ROLES = ['trust-dsl', 'chair'];

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
    const id = text.trim().toLowerCase();
    return this.seed.schools.find((s) => s.id === id || norm(s.id) === t || norm(s.name) === t || (s.aliases ?? []).some((a) => norm(a) === t))
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

  async addTriager(schoolId: string, aadObjectId: string): Promise<string[]> {
    const seed = this.requireSchool(schoolId);
    const rec = await mutate<SchoolOverride>(this.store, 'directory', 'school', schoolId, (cur) => {
      const current = cur?.triagers ?? seed.triagers ?? [];
      return current.includes(aadObjectId) ? undefined : { ...cur, triagers: [...current, aadObjectId] };
    });
    return rec?.value.triagers ?? seed.triagers ?? [];
  }

  async removeTriager(schoolId: string, aadObjectId: string): Promise<string[]> {
    const seed = this.requireSchool(schoolId);
    const rec = await mutate<SchoolOverride>(this.store, 'directory', 'school', schoolId, (cur) => {
      const current = cur?.triagers ?? seed.triagers ?? [];
      return current.includes(aadObjectId) ? { ...cur, triagers: current.filter((t) => t !== aadObjectId) } : undefined;
    });
    return rec?.value.triagers ?? seed.triagers ?? [];
  }

  /** The school(s) whose alerts channel this is, or the trust channel. */
  async linksOf(channelId: string): Promise<ChannelLink[]> {
    const links: ChannelLink[] = [];
    for (const school of await this.listSchools()) {
      if (school.alertsChannel?.channelId === channelId) links.push({ kind: 'school', school });
    }
    if ((await this.trustChannel())?.channelId === channelId) links.push({ kind: 'trust' });
    return links;
  }

  /** Trust named people who receive reports that bypass a school (trust DSL, chair); all named people if none has those roles. */
  bypassRecipients(): NamedPerson[] {
    const named = this.namedPeople();
    const chosen = named.filter((p) => BYPASS_ROLES.includes(p.role));
    return chosen.length ? chosen : named;
  }

  isNamedPerson(aadObjectId: string): boolean {
    return this.namedPeople().some((p) => p.aadObjectId === aadObjectId);
  }

  async recordInstall(install: TeamInstall): Promise<void> {
    await mutate<TeamInstall>(this.store, 'directory', 'team', install.teamId, (cur) => ({
      ...cur, ...install, installedAt: cur && !cur.removedAt ? cur.installedAt : install.installedAt, removedAt: undefined,
    }));
  }

  async recordUninstall(teamId: string, at: Date): Promise<void> {
    await mutate<TeamInstall>(this.store, 'directory', 'team', teamId, (cur) => (cur ? { ...cur, removedAt: at.toISOString() } : undefined));
  }

  async team(teamId: string): Promise<TeamInstall | undefined> {
    return (await this.store.get<TeamInstall>('directory', 'team', teamId))?.value;
  }

  async listTeams(): Promise<TeamInstall[]> {
    return (await this.store.list<TeamInstall>('directory', 'team')).map((r) => r.value);
  }

  /** Remembers a person's name and Teams id as seen on an activity (written only when it changed). */
  async rememberPerson(person: PersonInfo): Promise<void> {
    const cur = (await this.store.get<PersonInfo>('directory', 'person', person.aadObjectId))?.value;
    const next: PersonInfo = { aadObjectId: person.aadObjectId, name: person.name || cur?.name || '', teamsUserId: person.teamsUserId ?? cur?.teamsUserId };
    if (cur && cur.name === next.name && cur.teamsUserId === next.teamsUserId) return;
    await this.store.upsert('directory', 'person', person.aadObjectId, next);
  }

  async person(aadObjectId: string): Promise<PersonInfo | undefined> {
    return (await this.store.get<PersonInfo>('directory', 'person', aadObjectId))?.value;
  }

  async people(aadObjectIds: string[]): Promise<PersonInfo[]> {
    const found = await Promise.all(aadObjectIds.map((id) => this.person(id)));
    return aadObjectIds.map((id, i) => found[i] ?? { aadObjectId: id, name: '' });
  }

  private requireSchool(id: string): SchoolSeed {
    const seed = this.seed.schools.find((s) => s.id === id);
    if (!seed) throw new DirectoryError(`No school with id "${id}"`);
    return seed;
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
