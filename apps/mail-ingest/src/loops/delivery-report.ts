/**
 * What a delivery status notification (RFC 3464) says: which mail of ours failed, to whom, why.
 * Read from the raw report, whose machine-readable part is plain `Field: value` lines: the
 * report's own headers are skipped, so its Message-ID is never taken for the original's.
 */
export interface DeliveryReport {
  /** The Message-ID of the mail that could not be delivered (ours), when the report quotes it. */
  originalMessageId?: string;
  recipient?: string;
  /** Only `failed` reports mark a delivery failed; `delayed`, `delivered`… are only noted. */
  action?: string;
  status?: string;
  diagnostic?: string;
}

function field(body: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(body);
  return match?.[1].replace(/\r?\n[ \t]+/g, ' ').trim() || undefined;
}

export function readDeliveryReport(raw: Buffer): DeliveryReport {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const body = headerEnd >= 0 ? text.slice(headerEnd) : '';
  const recipient = (field(body, 'Final-Recipient') ?? field(body, 'Original-Recipient'))
    ?.replace(/^[^;]*;\s*/, '')
    .trim();
  const diagnostic = field(body, 'Diagnostic-Code')?.replace(/^[^;]*;\s*/, '');
  const originalMessageId = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(body)?.[1];
  return {
    ...(originalMessageId ? { originalMessageId } : {}),
    ...(recipient ? { recipient: recipient.slice(0, 320) } : {}),
    ...(field(body, 'Action') ? { action: field(body, 'Action')!.toLowerCase() } : {}),
    ...(field(body, 'Status') ? { status: field(body, 'Status') } : {}),
    ...(diagnostic ? { diagnostic: diagnostic.slice(0, 1500) } : {}),
  };
}

/** The reason recorded on the failed delivery: status and diagnostic as the server gave them. */
export function failureReason(report: DeliveryReport): string {
  const parts = [report.status, report.diagnostic].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'the receiving server reported a failure';
}
