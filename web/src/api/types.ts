/** What the API answers (../../shared/API.md). Ids are strings: 64-bit numbers do not survive JavaScript. */

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface UserCard {
  uid: string
  nickname: string
  avatarUrl: string
}

export interface Profile extends UserCard {
  sign: string
  followers: number
  following: number
  likesReceived: number
  videos: number
  /** Whether the signed-in viewer follows this user, where the service says so. */
  followedByMe?: boolean | null
  /** Only on GET /users/me. */
  username?: string
  roles?: string[]
}

/** A row of a followers/following list. */
export interface FollowEntry extends UserCard {
  sign: string | null
  followedAt: string
  /** This person and the list's owner follow each other (互相关注). */
  mutual: boolean
  /** Whether the signed-in viewer follows this person; null for anonymous viewers. */
  followedByMe: boolean | null
}

export interface AuthResult {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: UserCard & { username?: string; roles?: string[] }
}

export type VideoState = 'UPLOADING' | 'PROCESSING' | 'REVIEW' | 'PUBLISHED' | 'REJECTED' | 'FAILED'

export interface VideoStats {
  views: number
  likes: number
  coins: number
  favorites: number
  shares: number
  danmaku: number
  comments: number
}

export interface Video {
  bvid: string
  title: string
  description: string
  partition: string
  tags: string[]
  state: VideoState
  stateReason?: string | null
  /** Transcoding percent while PROCESSING. */
  progress?: number
  durationMs: number
  coverUrl: string | null
  playUrl: string | null
  /** WebVTT index of the thumbnail sprite, for seek previews. */
  thumbnailsUrl?: string | null
  uploader: UserCard
  stats: VideoStats
  publishedAt: string | null
  createdAt?: string
}

/** A search result. */
export interface VideoHit {
  bvid: string
  /** As the uploader wrote it (plain text). */
  title: string
  /** The title as HTML: escaped, with <em> around the words that matched. Never rendered as HTML here. */
  titleHighlight: string | null
  coverUrl: string | null
  durationMs: number
  partition: string
  ownerUid: string
  views: number
  publishedAt: string | null
}

export type StatsOf = VideoStats & { bvid: string }

export interface Partition {
  slug: string
  name: string
  children: Partition[]
}

export interface VideoDraft {
  uploadId: string
  title: string
  description: string
  partition: string
  tags: string[]
}

export interface ProcessingProgress {
  state: VideoState
  percent: number
  stateReason?: string | null
}

/**
 * A comment; plain text, rendered as text. A deleted root that still has replies keeps its place with
 * `deleted: true` and no author or content.
 */
export interface Comment {
  id: string
  bvid: string
  rootId: string | null
  parentId: string | null
  author: UserCard | null
  /** Set on a reply to a reply: shown as "回复 @nickname". */
  replyTo: UserCard | null
  content: string | null
  likes: number
  liked: boolean
  replyCount: number
  deleted: boolean
  createdAt: string
  /** The first replies of a root comment. */
  replies: Comment[] | null
}

export interface LikeState {
  liked: boolean
  likes: number
}

export type CommentSort = 'hot' | 'new'

export type DanmakuMode = 'scroll' | 'top' | 'bottom'

export interface Danmaku {
  id: string
  uid: string
  progressMs: number
  mode: DanmakuMode
  /** "#rrggbb" */
  color: string
  size: number
  content: string
}

export interface DanmakuDraft {
  progressMs: number
  content: string
  mode: DanmakuMode
  color: string
}

export interface Relation {
  liked: boolean
  coins: number
  favorited: boolean
  folderIds: string[]
}

export interface CoinState {
  /** Coins this user has now given to the video (at most 2). */
  coins: number
  balance: number
}

export interface FavoriteFolder {
  id: string
  uid: string
  name: string
  public: boolean
  default: boolean
  videoCount: number
  createdAt: string
  /** Asked with `?bvid=`: whether the folder holds that video. */
  containsVideo: boolean | null
}

/** A video in a favourites folder; `available` is false once it was taken down. */
export interface FolderVideo {
  bvid: string
  title: string | null
  coverUrl: string | null
  durationMs: number
  available: boolean
  favoritedAt: string
}

/** A watched video, newest first; `available` is false once it was taken down. */
export interface HistoryEntry {
  bvid: string
  title: string | null
  coverUrl: string | null
  durationMs: number
  progressMs: number
  available: boolean
  watchedAt: string
}

export type NotificationType = 'reply' | 'like' | 'at' | 'follow' | 'system'

/** Unread notifications by type, unread private messages (`message`), and their sum. */
export type UnreadCounts = Record<NotificationType, number> & { message: number; total: number }

/** What happened; the message centre words each one (i18n `message.kind.*`). */
export type NotificationKind =
  | 'reply'
  | 'comment'
  | 'mention-comment'
  | 'mention-danmaku'
  | 'like-video'
  | 'like-comment'
  | 'favorite-video'
  | 'follow'
  | 'video-approved'
  | 'video-rejected'
  | 'transcode-failed'
  | 'coins'

/** An entry of the message centre; likes of one target are one entry counting everyone once. */
export interface NotificationEntry {
  id: string
  type: NotificationType
  kind: NotificationKind
  /** The newest (at most three) first. */
  actors: UserCard[]
  actorCount: number
  target: {
    type: 'video' | 'comment'
    bvid: string | null
    title: string | null
    coverUrl: string | null
    commentId: string | null
    rootId: string | null
  } | null
  /** The comment, danmaku or reason: user text, rendered as text. */
  content: string | null
  /** Coins thrown. */
  amount: number | null
  read: boolean
  latestAt: string
  createdAt: string
}

export type MessageSettings = Record<NotificationType, boolean>

/** A private message (私信); `read`: its receiver has read it. */
export interface PrivateMessage {
  id: string
  from: string
  to: string
  text: string
  createdAt: string
  read: boolean
}

export interface Conversation {
  peer: UserCard
  lastMessage: PrivateMessage
  unread: number
  /** I blocked this user. */
  blocked: boolean
}

export interface MessagePage extends CursorPage<PrivateMessage> {
  peer: UserCard
  blocked: boolean
  /** The last of my messages the other side has read. */
  peerReadUpTo: string
}

/** A dynamic (动态): a text post or a published video. */
export interface Dynamic {
  id: string
  author: UserCard
  kind: 'text' | 'video'
  text: string | null
  video: { bvid: string; title: string; coverUrl: string | null; durationMs: number; publishedAt: string | null } | null
  createdAt: string
}

/** A page of the feed; with `since`, only what is newer and `newCount`. */
export interface FeedPage extends CursorPage<Dynamic> {
  newCount: number | null
}

/** What a grid card shows of a video: a full Video is one, and so is a discovery list's card. */
export interface VideoCardData {
  bvid: string
  title: string
  coverUrl: string | null
  durationMs: number
  partition?: string
  uploader: UserCard
  stats?: Pick<VideoStats, 'views' | 'danmaku'> | null
  publishedAt: string | null
  createdAt?: string
}

/** A video in a discovery list (feeds, ranking, related, a channel). */
export interface FeedCard extends VideoCardData {
  partition: string
  tags: string[]
  stats: Pick<VideoStats, 'views' | 'danmaku'>
}

/** A partition's feed; `live` is there only for 直播, false until live streaming exists. */
export interface PartitionFeed extends CursorPage<FeedCard> {
  live?: boolean
}

export type RankingWindow = 'day' | '3day' | 'week'

export interface RankingEntry {
  rank: number
  score: number
  video: FeedCard
}

/** A channel (频道): a topic made from a tag. */
export interface Channel {
  name: string
  description: string
  subscribers: number
  videos: number
}

export interface ChannelView extends Channel {
  subscribed: boolean
}

export interface ServiceStatus {
  status: 'UP' | 'DOWN' | string
}
