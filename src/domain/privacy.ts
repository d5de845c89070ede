// A commenter's own data: what they may ask for, and the log line of each run (never the address).

export type PrivacyRequestKind = 'export' | 'erase';
export type PrivacyAction = 'export' | 'erase' | 'erase_and_delete';

export interface PrivacyRun {
  readonly action: PrivacyAction;
  /** `commenter` (confirmed by mail), `staff:ID:Name` or `shell:user`. */
  readonly actor: string;
  readonly comments: number;
  readonly at: Date;
}
