import { navigate, usePath } from '../components/route';
import { ToastProvider } from '../components/Toasts';
import { Logo } from '../session/LoginPage';
import { useDesk } from '../session/session-context';
import { AgentsAdmin, TeamsAdmin } from './DirectoryAdmin';
import {
  ApiTokensAdmin,
  BusinessHoursAdmin,
  CannedRepliesAdmin,
  MailboxesAdmin,
} from './SettingsAdmin';
import { IntegrationsAdmin } from './IntegrationsAdmin';
import { KnowledgeBaseAdmin } from './KnowledgeBaseAdmin';
import { TemplatesAdmin } from './TemplatesAdmin';
import { WidgetAdmin } from './WidgetAdmin';

const SECTIONS = {
  agents: { title: 'Agents', Screen: AgentsAdmin },
  teams: { title: 'Teams', Screen: TeamsAdmin },
  canned: { title: 'Canned replies', Screen: CannedRepliesAdmin },
  mailboxes: { title: 'Mailboxes', Screen: MailboxesAdmin },
  hours: { title: 'Business hours', Screen: BusinessHoursAdmin },
  tokens: { title: 'API tokens', Screen: ApiTokensAdmin },
  integrations: { title: 'Integrations', Screen: IntegrationsAdmin },
  widget: { title: 'Chat widget', Screen: WidgetAdmin },
  templates: { title: 'Mail templates', Screen: TemplatesAdmin },
  kb: { title: 'Knowledge base', Screen: KnowledgeBaseAdmin },
} as const;
type Section = keyof typeof SECTIONS;

/** The admin's screens: people, teams and the workspace's settings. */
export function AdminPage() {
  const { session, me } = useDesk();
  // The section is in the path (`/admin/widget`), so a reload or a link keeps it.
  const path = usePath().split('/')[2] ?? '';
  const section: Section = Object.hasOwn(SECTIONS, path) ? (path as Section) : 'agents';
  const { title, Screen } = SECTIONS[section];
  return (
    <ToastProvider>
      <div className="admin">
        <header className="topbar">
          <span className="brand small">
            <Logo /> Switchboard admin
          </span>
          <button type="button" onClick={() => navigate('/')}>
            Back to the desk
          </button>
          <span className="who">{me.agent.name}</span>
          <button type="button" onClick={() => void session.logout()}>
            Sign out
          </button>
        </header>
        <nav className="pane views-pane" aria-label="Admin sections">
          <ul className="views">
            {(Object.keys(SECTIONS) as Section[]).map((key) => (
              <li key={key}>
                <button
                  type="button"
                  className="view"
                  aria-current={key === section ? 'page' : undefined}
                  onClick={() => navigate(`/admin/${key}`)}
                >
                  {SECTIONS[key].title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="pane admin-main">
          <h1>{title}</h1>
          <Screen />
        </main>
      </div>
    </ToastProvider>
  );
}
