/**
 * Every `trustline` subcommand. Adding one is a file in this folder exporting a CliCommand,
 * plus one line here.
 */
import type { CliCommand } from '../io';
import { command as ask } from './ask';
import { command as policyCheck } from './policyCheck';
import { command as gaps } from './gaps';
import { command as choices } from './choices';
import { command as reports } from './reports';
import { command as outbox } from './outbox';
import { command as audit } from './audit';
import { command as sar } from './sar';
import { command as purge } from './purge';

export const COMMANDS: CliCommand[] = [
  ask,
  policyCheck,
  gaps,
  choices,
  reports,
  outbox,
  audit,
  sar,
  purge,
];
