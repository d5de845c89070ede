// Saving the Discussion settings from the admin: each value checked against its range, then
// stored and announced (every instance drops its cached pages, which the settings shape).

import { AppError, InvalidFields } from '../domain/errors.ts';
import type { EventSink } from '../domain/events.ts';
import { heldCommentMailModes, type DiscussionSettings } from '../domain/settings.ts';
import { reactionLabelMaxLength } from '../domain/reaction.ts';
import type { SettingsStore } from './settings-store.ts';

/** The allowed range of each numeric setting, with the reason for its bounds. */
export const settingRanges = {
  maxLinks: [0, 100], // 0 turns link holding off
  closeCommentsAfterDays: [0, 36_500], // 0 never closes
  threadDepth: [1, 10], // WordPress offers 2..10; 1 means no nesting
  floodIntervalSeconds: [0, 3600],
  ipRetentionDays: [1, 3650], // at least a day: abuse handling needs the address briefly
  commentsPerPage: [1, 1000], // top-level comments per page when paging is on
  heldCommentDigestMinutes: [5, 10_080], // from five minutes to a week
  spamHoldPercent: [0, 100], // 0 turns the classifier's holds off; 100 holds only certain spam
  rateLimitPerHour: [0, 10_000], // 0 turns it off
  rateLimitPerArticlePerMinute: [0, 10_000], // 0 turns it off
  editWindowMinutes: [0, 1440], // 0 turns editing off; at most a day (the cookie lives as long)
  reportsToHold: [0, 1000], // 0: reports never hold a comment by themselves
} as const satisfies Partial<Record<keyof DiscussionSettings, readonly [number, number]>>;

export function createSaveSettings(deps: { settings: SettingsStore; events: EventSink }) {
  return async function saveSettings(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings> {
    const errors: AppError[] = [];
    for (const [key, [min, max]] of Object.entries(settingRanges)) {
      const value = changes[key as keyof typeof settingRanges];
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
        errors.push(new AppError('setting_invalid', { field: key, message: `${key} must be a whole number from ${min} to ${max}` }));
      }
    }
    if (changes.heldCommentMail !== undefined && !heldCommentMailModes.includes(changes.heldCommentMail)) {
      errors.push(new AppError('setting_invalid', { field: 'heldCommentMail', message: `heldCommentMail must be one of ${heldCommentMailModes.join(', ')}` }));
    }
    if (changes.reactionLabel !== undefined && !isReactionLabel(changes.reactionLabel)) {
      errors.push(new AppError('setting_invalid', { field: 'reactionLabel', message: `reactionLabel must be 1 to ${reactionLabelMaxLength} characters, on one line` }));
    }
    if (errors.length > 0) throw new InvalidFields(errors);
    const saved = await deps.settings.saveDiscussion(changes);
    deps.events.emit({ type: 'settings.saved' });
    return saved;
  };
}

export type SaveSettings = ReturnType<typeof createSaveSettings>;

/** A reaction label is a short word or two: not empty, one line, at most reactionLabelMaxLength characters. */
function isReactionLabel(label: string): boolean {
  const length = [...label].length;
  return label.trim() === label && length >= 1 && length <= reactionLabelMaxLength && !/[\u0000-\u001F\u007F]/.test(label);
}
