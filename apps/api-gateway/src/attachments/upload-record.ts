import { AttachmentInputV1 } from '@switchboard/contracts';
import { sanitizeFileName } from './attachment-name';

/** What the gateway recorded of one upload of some content: all of it checked on the way in. */
export interface UploadRecord {
  key: string;
  /** Sanitized. */
  name: string;
  /** Decided from the bytes, within the workspace's types at the time. */
  contentType: string;
  /** The stored size. */
  size: number;
  uploadedAt: Date;
}

/**
 * The attachment a reply records for a key the client names: one of its workspace's uploads of
 * that content, as the gateway recorded it. The client's name and type only choose among several
 * uploads of the same bytes (the one with the claimed type first, then the one with the claimed
 * name, then the latest); whatever else it claims is replaced. Undefined when nothing was
 * recorded for the key.
 */
export function recordedAttachment(
  claimed: AttachmentInputV1,
  records: readonly UploadRecord[],
): AttachmentInputV1 | undefined {
  const name = sanitizeFileName(claimed.name);
  const type = claimed.contentType.trim().toLowerCase();
  const rank = (record: UploadRecord) =>
    [record.contentType === type, record.name === name, record.uploadedAt.getTime()] as const;
  let best: UploadRecord | undefined;
  for (const record of records) {
    if (record.key !== claimed.key) continue;
    if (!best || isBetter(rank(record), rank(best))) best = record;
  }
  if (!best) return undefined;
  return { key: best.key, name: best.name, contentType: best.contentType, size: best.size };
}

function isBetter(
  [type, name, time]: readonly [boolean, boolean, number],
  [bestType, bestName, bestTime]: readonly [boolean, boolean, number],
): boolean {
  if (type !== bestType) return type;
  if (name !== bestName) return name;
  return time > bestTime;
}
