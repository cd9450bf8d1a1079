import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { listNotifications } from '../api/loop.ts';

/** The header's bell: the unread count, refreshed every minute, leading to the inbox. */
export function NotificationBell() {
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => listNotifications({ limit: 1, unread: 'true' }),
    select: (page) => page.unread,
    refetchInterval: 60_000,
  });
  const count = unread.data ?? 0;
  return (
    <Link
      to="/notifications"
      className="bell"
      aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}
      data-testid="notification-bell"
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
