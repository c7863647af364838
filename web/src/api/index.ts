import { ApiClient } from './client'
import { LocalTokenStore, webLock } from './session'
import type {
  AuthResult,
  Channel,
  ChannelView,
  FeedCard,
  PartitionFeed,
  RankingEntry,
  RankingWindow,
  CoinState,
  Comment,
  CommentSort,
  Conversation,
  CursorPage,
  Danmaku,
  DanmakuDraft,
  Dynamic,
  FavoriteFolder,
  FeedPage,
  FollowEntry,
  FolderVideo,
  LikeState,
  HistoryEntry,
  MessagePage,
  MessageSettings,
  NotificationEntry,
  NotificationType,
  Partition,
  PrivateMessage,
  ProcessingProgress,
  Profile,
  Relation,
  StatsOf,
  UnreadCounts,
  Video,
  VideoDraft,
  VideoHit,
  VideoState,
} from './types'

export { ApiError } from './client'
export type * from './types'

/** The one place that knows paths and shapes of the API; components call these, never build URLs. */
export function createApi(client: ApiClient) {
  const page = { size: 20 }

  return {
    client,

    auth: {
      register: (body: { username: string; password: string; nickname: string }) =>
        client.post<AuthResult>('/api/v1/auth/register', body),
      login: (body: { username: string; password: string }) => client.post<AuthResult>('/api/v1/auth/login', body),
      logout: (refreshToken: string) => client.post<void>('/api/v1/auth/logout', { refreshToken }),
    },

    users: {
      me: () => client.get<Profile>('/api/v1/users/me'),
      updateMe: (body: { nickname?: string; sign?: string; avatarKey?: string }) =>
        client.patch<Profile>('/api/v1/users/me', body),
      uploadAvatar: (file: File) => {
        const form = new FormData()
        form.append('file', file)
        return client.post<{ avatarKey: string; avatarUrl: string }>('/api/v1/users/me/avatar', undefined, { form })
      },
      profile: (uid: string) => client.get<Profile>(`/api/v1/users/${uid}`),
      follow: (uid: string) => client.put<void>(`/api/v1/users/${uid}/follow`),
      unfollow: (uid: string) => client.delete(`/api/v1/users/${uid}/follow`),
      followers: (uid: string, cursor?: string | null) =>
        client.get<CursorPage<FollowEntry>>(`/api/v1/users/${uid}/followers`, { query: { cursor, ...page } }),
      following: (uid: string, cursor?: string | null) =>
        client.get<CursorPage<FollowEntry>>(`/api/v1/users/${uid}/following`, { query: { cursor, ...page } }),
      videos: (uid: string, cursor?: string | null) =>
        client.get<CursorPage<Video>>(`/api/v1/users/${uid}/videos`, { query: { cursor, ...page } }),
    },

    videos: {
      partitions: () => client.get<Partition[]>('/api/v1/partitions'),
      get: (bvid: string) => client.get<Video>(`/api/v1/videos/${bvid}`),
      /** Current counters of several videos in one call (from the interaction service). */
      stats: (bvids: string[]) => client.get<StatsOf[]>('/api/v1/videos/stats', { query: { bvid: bvids } }),
      /** Newest published videos, of one partition or of all. */
      latest: (partition: string | null, cursor?: string | null) =>
        client.get<CursorPage<Video>>('/api/v1/videos', { query: { partition, sort: 'new', cursor, ...page } }),
      create: (draft: VideoDraft) => client.post<{ bvid: string; state: VideoState }>('/api/v1/videos', draft),
      update: (bvid: string, body: Partial<Pick<Video, 'title' | 'description' | 'tags' | 'partition'>>) =>
        client.patch<Video>(`/api/v1/videos/${bvid}`, body),
      remove: (bvid: string) => client.delete(`/api/v1/videos/${bvid}`),
      /**
       * Processing progress as server-sent events. EventSource cannot send headers, so the token rides in
       * the query (the services accept `access_token` there). Returns a function that stops listening;
       * `onFailure` is told when the stream cannot be had (it is closed then; the caller may poll instead).
       */
      watchProcessing: async (
        bvid: string,
        onProgress: (progress: ProcessingProgress) => void,
        onFailure: () => void,
      ) => {
        const token = await client.freshAccessToken()
        const source = new EventSource(client.url(`/api/v1/videos/${bvid}/events`, { access_token: token }))
        const handle = (event: MessageEvent<string>) => {
          try {
            onProgress(JSON.parse(event.data) as ProcessingProgress)
          } catch {
            // A comment or keep-alive line: nothing to show.
          }
        }
        // Unnamed events arrive as "message"; a named "progress" event is accepted as well.
        source.addEventListener('message', handle)
        source.addEventListener('progress', handle)
        source.addEventListener('error', () => {
          // EventSource reconnects by itself while CONNECTING; CLOSED means it gave up (e.g. a 4xx answer).
          if (source.readyState === EventSource.CLOSED) onFailure()
        })
        return () => source.close()
      },
    },

    uploads: {
      /** The tus endpoint, absolute, so the Location headers of created uploads resolve against it. */
      endpoint: () => new URL(client.url('/api/v1/uploads'), location.href).toString(),
      precheck: (body: { sha256: string; size: number }) =>
        client.post<{ instant: boolean; uploadId?: string }>('/api/v1/uploads/precheck', body),
      /** The id `POST /videos` wants is the last segment of the tus upload URL. */
      idFromUrl: (uploadUrl: string) => uploadUrl.replace(/\/+$/, '').split('/').pop() ?? '',
    },

    search: {
      videos: (q: string, options: { partition?: string | null; sort?: string; cursor?: string | null }) =>
        client.get<CursorPage<VideoHit>>('/api/v1/search/videos', {
          query: { q, partition: options.partition, sort: options.sort, cursor: options.cursor, ...page },
        }),
      suggest: async (q: string) =>
        (await client.get<{ items: string[] }>('/api/v1/search/suggest', { query: { q } })).items,
    },

    admin: {
      reviews: (cursor?: string | null) =>
        client.get<CursorPage<Video>>('/api/v1/admin/reviews', { query: { cursor, ...page } }),
      decide: (bvid: string, decision: 'approve' | 'reject', reason?: string) =>
        client.post<void>(`/api/v1/admin/reviews/${bvid}`, { decision, reason }),
    },

    comments: {
      list: (bvid: string, sort: CommentSort, cursor?: string | null) =>
        client.get<CursorPage<Comment>>(`/api/v1/videos/${bvid}/comments`, { query: { sort, cursor, ...page } }),
      replies: (id: string, cursor?: string | null) =>
        client.get<CursorPage<Comment>>(`/api/v1/comments/${id}/replies`, { query: { cursor, size: 10 } }),
      post: (bvid: string, content: string, parentId?: string) =>
        client.post<Comment>(`/api/v1/videos/${bvid}/comments`, { content, parentId }),
      get: (id: string) => client.get<Comment>(`/api/v1/comments/${id}`),
      remove: (id: string) => client.delete(`/api/v1/comments/${id}`),
      like: (id: string) => client.put<LikeState>(`/api/v1/comments/${id}/like`),
      unlike: (id: string) => client.delete<LikeState>(`/api/v1/comments/${id}/like`),
    },

    danmaku: {
      segment: (bvid: string, segment: number) =>
        client.get<Danmaku[]>(`/api/v1/videos/${bvid}/danmaku`, { query: { segment } }),
      post: (bvid: string, draft: DanmakuDraft) => client.post<Danmaku>(`/api/v1/videos/${bvid}/danmaku`, draft),
    },

    interaction: {
      relation: (bvid: string) => client.get<Relation>(`/api/v1/videos/${bvid}/relation`),
      like: (bvid: string) => client.put<LikeState>(`/api/v1/videos/${bvid}/like`),
      unlike: (bvid: string) => client.delete<LikeState>(`/api/v1/videos/${bvid}/like`),
      coin: (bvid: string, count: 1 | 2) => client.post<CoinState>(`/api/v1/videos/${bvid}/coins`, { count }),
      coinBalance: () => client.get<{ balance: number }>('/api/v1/me/coins'),
      favorite: (bvid: string, folderIds: string[]) =>
        client.put<{ favorited: boolean; folderIds: string[] }>(`/api/v1/videos/${bvid}/favorite`, { folderIds }),
      triple: (bvid: string) => client.post<Relation>(`/api/v1/videos/${bvid}/triple`),
      share: (bvid: string) => client.post<{ shares: number }>(`/api/v1/videos/${bvid}/share`),
      heartbeat: (bvid: string, progressMs: number) =>
        client.post<void>(`/api/v1/videos/${bvid}/heartbeat`, { progressMs }),
    },

    history: {
      list: (cursor?: string | null) =>
        client.get<CursorPage<HistoryEntry>>('/api/v1/me/history', { query: { cursor, ...page } }),
      remove: (bvid: string) => client.delete(`/api/v1/me/history/${bvid}`),
      clear: () => client.delete('/api/v1/me/history'),
      paused: () => client.get<{ paused: boolean }>('/api/v1/me/history/pause'),
      pause: (paused: boolean) => client.put<{ paused: boolean }>('/api/v1/me/history/pause', { paused }),
    },

    favorites: {
      /** My folders; with a bvid, each says whether it holds that video. */
      mine: (bvid?: string) => client.get<FavoriteFolder[]>('/api/v1/me/favorites/folders', { query: { bvid } }),
      /** A user's public folders (all of them for the user themself). */
      ofUser: (uid: string) => client.get<FavoriteFolder[]>('/api/v1/favorites/folders', { query: { uid } }),
      createFolder: (name: string) => client.post<FavoriteFolder>('/api/v1/me/favorites/folders', { name }),
      videos: (folderId: string, cursor?: string | null) =>
        client.get<CursorPage<FolderVideo>>(`/api/v1/favorites/folders/${folderId}/videos`, {
          query: { cursor, ...page },
        }),
    },

    discovery: {
      /** 推荐: personal when signed in, the fresh-and-hot blend otherwise. */
      recommend: (cursor?: string | null) =>
        client.get<CursorPage<FeedCard>>('/api/v1/feed/recommend', { query: { cursor, ...page } }),
      /** 热门: today's hot, of a partition or of all. */
      hot: (partition: string | null, cursor?: string | null) =>
        client.get<CursorPage<FeedCard>>('/api/v1/feed/hot', { query: { partition, cursor, ...page } }),
      partition: (slug: string, cursor?: string | null) =>
        client.get<PartitionFeed>(`/api/v1/feed/partition/${encodeURIComponent(slug)}`, {
          query: { cursor, ...page },
        }),
      ranking: (partition: string | null, window: RankingWindow, cursor?: string | null) =>
        client.get<CursorPage<RankingEntry>>('/api/v1/ranking', { query: { partition, window, cursor, ...page } }),
      related: (bvid: string) => client.get<FeedCard[]>(`/api/v1/videos/${bvid}/related`, { query: { size: 20 } }),
      channels: () => client.get<Channel[]>('/api/v1/channels'),
      channel: (name: string) => client.get<ChannelView>(`/api/v1/channels/${encodeURIComponent(name)}`),
      channelVideos: (name: string, cursor?: string | null) =>
        client.get<CursorPage<FeedCard>>(`/api/v1/channels/${encodeURIComponent(name)}/videos`, {
          query: { cursor, ...page },
        }),
      subscribe: (name: string) => client.put<ChannelView>(`/api/v1/channels/${encodeURIComponent(name)}/subscription`),
      unsubscribe: (name: string) =>
        client.delete<ChannelView>(`/api/v1/channels/${encodeURIComponent(name)}/subscription`),
    },

    notifications: {
      unread: () => client.get<UnreadCounts>('/api/v1/notifications/unread'),
      list: (type: NotificationType, cursor?: string | null) =>
        client.get<CursorPage<NotificationEntry>>('/api/v1/notifications', { query: { type, cursor, ...page } }),
      /** Marks one type, some entries, or everything read; answers the unread counts left. */
      read: (body: { type?: NotificationType; ids?: string[] }) =>
        client.post<UnreadCounts>('/api/v1/notifications/read', body),
      settings: () => client.get<MessageSettings>('/api/v1/me/message-settings'),
      updateSettings: (body: Partial<MessageSettings>) =>
        client.put<MessageSettings>('/api/v1/me/message-settings', body),
    },

    conversations: {
      list: (cursor?: string | null) =>
        client.get<CursorPage<Conversation>>('/api/v1/conversations', { query: { cursor, ...page } }),
      messages: (uid: string, cursor?: string | null) =>
        client.get<MessagePage>(`/api/v1/conversations/${uid}/messages`, { query: { cursor, ...page } }),
      send: (uid: string, text: string) =>
        client.post<PrivateMessage>(`/api/v1/conversations/${uid}/messages`, { text }),
      read: (uid: string) => client.post<UnreadCounts>(`/api/v1/conversations/${uid}/read`),
      block: (uid: string) => client.put<void>(`/api/v1/me/blocks/${uid}`),
      unblock: (uid: string) => client.delete(`/api/v1/me/blocks/${uid}`),
    },

    dynamics: {
      feed: (cursor?: string | null) => client.get<FeedPage>('/api/v1/dynamics', { query: { cursor, ...page } }),
      /** How many dynamics of the feed are newer than `id` (for the "new" badge). */
      newerThan: (id: string) => client.get<FeedPage>('/api/v1/dynamics', { query: { since: id, size: 1 } }),
      ofUser: (uid: string, cursor?: string | null) =>
        client.get<CursorPage<Dynamic>>(`/api/v1/users/${uid}/dynamics`, { query: { cursor, ...page } }),
      post: (text: string) => client.post<Dynamic>('/api/v1/dynamics', { text }),
      remove: (id: string) => client.delete(`/api/v1/dynamics/${id}`),
    },

    /** The WebSocket address; the token (when signed in) rides in the query as browsers cannot set headers. */
    realtimeUrl: (token: string | null) => {
      const path = client.url('/api/v1/ws', { access_token: token })
      const origin = new URL(path, location.href)
      origin.protocol = origin.protocol === 'https:' ? 'wss:' : 'ws:'
      return origin.toString()
    },
  }
}

export type Api = ReturnType<typeof createApi>

export const tokens = new LocalTokenStore()

const sessionLostHandlers: Array<() => void> = []
/** Run `handler` when the session ends without the user signing out (the refresh token stopped working). */
export function onSessionLost(handler: () => void) {
  sessionLostHandlers.push(handler)
}

export const api = createApi(
  new ApiClient({
    tokens,
    baseUrl: import.meta.env.VITE_API_BASE ?? '',
    lock: webLock,
    onSessionLost: () => sessionLostHandlers.forEach((handler) => handler()),
  }),
)
