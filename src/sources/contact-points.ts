/**
 * Contact points of registry records, sorted into organisational and personal ones. Registries
 * list a person (name, e-mail, phone) as the hub's contact; only an address that names no person
 * (info@, contact@, dih@...) is an organisational contact point that may be published by default.
 */
import type { ContactPoint } from '../model/record.js';
import { foldKey } from './cleaning.js';

/** Local-part words of role mailboxes: they reach an organisation, not a person. */
const ROLE_WORDS = new Set([
  'info', 'infos', 'information', 'informacion', 'informazioni', 'contact', 'contacts', 'contacto', 'contatto', 'contatti', 'kontakt',
  'office', 'hello', 'hallo', 'hola', 'hub', 'dih', 'edih', 'admin', 'administration', 'secretariat', 'secretaria', 'secretary', 'sekretariat',
  'mail', 'email', 'post', 'support', 'team', 'general', 'innovation', 'digital', 'projects', 'project', 'proyectos', 'progetti',
  'europa', 'europe', 'eu', 'international', 'communication', 'comunicacion', 'comunicazione', 'press', 'media', 'enquiries',
  'inquiries', 'welcome', 'service', 'services', 'robotics', 'industry', 'industria', 'industrie', 'technology', 'research', 'network',
  'cluster', 'platform', 'lab', 'center', 'centre', 'centro', 'hr', 'sales', 'marketing', 'events', 'news', 'desk', 'helpdesk', 'de', 'en',
]);

/** True when every word of the mailbox is a role word or a word of the hub's own name, and none is the person's. */
export function isOrganisationalEmail(email: string, hubName: string, personParts: string[]): boolean {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  const words = local.split(/[^a-z]+/).filter(Boolean);
  if (!words.length) return false;
  const hubWords = new Set(foldKey(hubName).split(' ').filter((w) => w.length >= 3));
  const person = personParts.map((p) => foldKey(p)).flatMap((p) => p.split(' ')).filter((w) => w.length >= 3);
  // A person's name anywhere in the address (email@firstname-lastname.de) makes it personal.
  if (person.some((p) => email.toLowerCase().includes(p))) return false;
  const roleLike = (w: string) => ROLE_WORDS.has(w) || hubWords.has(w) || /^(e?dih|hub)/.test(w) || /(dih|hub)$/.test(w);
  return words.every(roleLike);
}

/** Splits a registry's person contact into the personal part and, where the mailbox names no one, an organisational one. */
export function contactPointsOf(hubName: string, person: { name?: string | undefined; email?: string | undefined; phone?: string | undefined; personParts: string[] }, field: string): ContactPoint[] {
  const out: ContactPoint[] = [];
  const email = person.email?.trim().replace(/\.+$/, '');
  const organisational = email && isOrganisationalEmail(email, hubName, person.personParts) ? email : undefined;
  if (organisational) out.push({ personal: false, name: hubName, email: organisational, field });
  const personal: ContactPoint = { personal: true, field };
  if (person.name?.trim()) personal.name = person.name.trim();
  if (email && !organisational) personal.email = email;
  if (person.phone?.trim()) personal.phone = person.phone.trim();
  if (personal.name || personal.email || personal.phone) out.push(personal);
  return out;
}
