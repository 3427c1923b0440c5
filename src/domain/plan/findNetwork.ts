import type { Network, Plan } from './schema';

function normalise(text: string): string {
  return text.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The networks a user means by a loose name: an exact id, name or alias first, then every
 * network whose name or aliases contain the words ("din fritid" finds "Din Fritid-netværket").
 */
export function findNetworks(plan: Plan, query: string): Network[] {
  const q = normalise(query);
  if (!q) return [];
  const names = (n: Network) => [n.id, n.name, ...n.aliases].map(normalise);
  const exact = plan.networks.filter((n) => names(n).includes(q));
  if (exact.length) return exact;
  return plan.networks.filter((n) => names(n).some((name) => name.includes(q)));
}
