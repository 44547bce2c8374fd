import { ActorRequest } from '../common';

/** A label of the workspace: created the first time a ticket is given it. */
export class LabelV1 {
  name: string;
  createdAt: string;
}

export class LabelListV1 {
  items: LabelV1[];
}

export const LIST_LABELS_V1 = 'helpdesk.qry.label.list.v1';
/** The workspace's labels, by name; any agent of the workspace (and the system). */
export class ListLabelsV1 extends ActorRequest {}
