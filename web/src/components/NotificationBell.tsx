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
      <span aria-hidden="true">🔔</span>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
