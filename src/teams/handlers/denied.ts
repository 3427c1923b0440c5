import { allowedRoles } from '../../domain/permissions';
import type { Messages } from '../../i18n';
import type { Denied } from '../../usecases/authorize';
import type { BotReply } from '../turn';

/** The Danish (or English) answer to someone outside the plan or without the role. */
export function deniedReply(m: Messages, denied: Denied): BotReply {
  if (denied.kind === 'notAMember') return { text: m.notAMember };
  const names = allowedRoles[denied.action].map((r) => m.roleNames[r]);
  const roles = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${m.or} ${names[names.length - 1]}` : (names[0] ?? '');
  return { text: m.forbidden(denied.action, roles) };
}
