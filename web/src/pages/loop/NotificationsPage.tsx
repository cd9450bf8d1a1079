import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { dateTime } from '../cases/CaseBadges.tsx';

/** A notification's link, when it points inside the app (links are paths like /cases/…). */
const internal = (link: string | null) => (link?.startsWith('/') ? link : null);

/** The in-app inbox: newest first; open one to mark it read, or mark everything read. */
export function NotificationsPage() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'page'],
    queryFn: ({ pageParam }) => listNotifications({ limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <Page
      title="Notifications"
      intro={`${unread} unread`}
      actions={
        <button
          type="button"
          className="button"
          disabled={unread === 0 || readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          Mark all read
        </button>
      }
    >
      <ErrorMessage error={list.error ?? readOne.error ?? readAll.error} title="Notifications" />
      {!list.isPending && items.length === 0 && <p className="muted">Nothing here yet.</p>}
      <ul className="notification-list" data-testid="notifications">
        {items.map((n) => {
          const to = internal(n.link);
          return (
            <li key={n.id} className={`card notification${n.readAt ? '' : ' unread'}`}>
              <div className="notification-head">
                <strong>
                  {!n.readAt && <span className="visually-hidden">Unread: </span>}
                  {to ? (
                    <a
                      href={to}
                      onClick={(e) => {
                        // Client-side navigation; the link is a path the server wrote.
                        e.preventDefault();
                        if (!n.readAt) readOne.mutate(n.id);
                        router.history.push(to);
                      }}
                    >
                      {n.title}
                    </a>
                  ) : (
                    n.title
                  )}
                </strong>
                <time dateTime={n.createdAt} className="muted">
                  {dateTime(n.createdAt)}
                </time>
              </div>
              <p>{n.body}</p>
              {!n.readAt && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => readOne.mutate(n.id)}
                >
                  Mark read<span className="visually-hidden">: {n.title}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button" onClick={() => list.fetchNextPage()}>
          Load more
        </button>
      )}
    </Page>
  );
}
