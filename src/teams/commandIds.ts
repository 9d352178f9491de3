/**
 * Message-extension command ids. They must match `composeExtensions[].commands[].id` in
 * appPackage/manifest.json (a test checks both directions), so handlers import them from here
 * instead of repeating the strings.
 */
export const COMMAND_IDS = {
  /** Search command (compose box and command box): find a policy clause and insert it as a card. */
  searchPolicy: 'searchPolicy',
  /** Action command on a message: "Report this message", prefilled with the message as evidence. */
  reportMessage: 'reportMessage',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** The search command's only parameter (Teams sends it as `parameters[0].name`). */
export const SEARCH_POLICY_PARAMETER = 'query';
