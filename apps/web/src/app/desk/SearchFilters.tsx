import type { Priority, Ticket } from '../api/types';
import { useDesk } from '../session/session-context';

/** The search's filters beside its free text; empty fields filter nothing. */
export interface SearchFilterValues {
  status: '' | Ticket['status'];
  channel: '' | Ticket['channel'];
  priority: '' | Priority;
  teamId: string;
  assigneeId: string;
  label: string;
  includeArchived: boolean;
}

export const NO_SEARCH_FILTERS: SearchFilterValues = {
  status: '',
  channel: '',
  priority: '',
  teamId: '',
  assigneeId: '',
  label: '',
  includeArchived: false,
};

/** The query parameters of GET /api/v1/tickets/search for these filters. */
export function searchQuery(text: string, filters: SearchFilterValues) {
  return {
    ...(text ? { text } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.channel ? { channel: [filters.channel] } : {}),
    ...(filters.priority ? { priority: [filters.priority] } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.label.trim() ? { label: filters.label.trim() } : {}),
    ...(filters.includeArchived ? { includeArchived: true } : {}),
    limit: 50,
  };
}

export function SearchFilters(props: {
  value: SearchFilterValues;
  onChange(value: SearchFilterValues): void;
}) {
  const { agents, teams } = useDesk();
  const set = <K extends keyof SearchFilterValues>(key: K, value: SearchFilterValues[K]) =>
    props.onChange({ ...props.value, [key]: value });
  const select = (
    label: string,
    key: 'status' | 'channel' | 'priority' | 'teamId' | 'assigneeId',
    options: [string, string][],
  ) => (
    <label>
      {label}
      <select
        value={props.value[key]}
        onChange={(event) => set(key, event.target.value as SearchFilterValues[typeof key])}
      >
        <option value="">any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">Search filters</legend>
      {select(
        'Status',
        'status',
        ['new', 'open', 'pending', 'solved'].map((v) => [v, v]),
      )}
      {select(
        'Channel',
        'channel',
        ['chat', 'mail', 'web', 'manual'].map((v) => [v, v]),
      )}
      {select(
        'Priority',
        'priority',
        ['low', 'normal', 'high', 'urgent'].map((v) => [v, v]),
      )}
      {teams.length > 0 &&
        select(
          'Team',
          'teamId',
          teams.map((team) => [team.id, team.name]),
        )}
      {select(
        'Assignee',
        'assigneeId',
        agents.map((agent) => [agent.id, agent.name]),
      )}
      <label>
        Label
        <input value={props.value.label} onChange={(event) => set('label', event.target.value)} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={props.value.includeArchived}
          onChange={(event) => set('includeArchived', event.target.checked)}
        />
        Archived too
      </label>
    </fieldset>
  );
}
