/** The options of a command that can answer in JSON (`--json`). */
export interface JsonOptions {
  readonly json?: boolean;
}

export const JSON_OPTION = { flags: '--json', description: 'print the result as JSON on stdout (and no progress)' } as const;
