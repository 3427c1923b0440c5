import { allowedRoles } from '../../domain/permissions';
import type { Messages } from '../../i18n';
import type { Denied } from '../../usecases/authorize';
import type { BotReply } from '../turn';

/** The Danish (or English) answer to someone outside the plan or without the role. */
export function deniedReply(m: Messages, denied: Denied): BotReply {
  if (denied.kind === 'notAMember') return { text: m.notAMember };
  const roles = allowedRoles[denied.action].map((r) => m.roleNames[r]).join(` ${m.or} `);
  return { text: m.forbidden(denied.action, roles) };
}
