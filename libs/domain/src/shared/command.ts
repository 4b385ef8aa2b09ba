/** What every command carries besides its data. */
export interface CommandMetadata {
  /** Business time of the command: the domain never reads the clock itself. */
  readonly now: Date;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}
