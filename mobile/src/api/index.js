/** Every API call the app makes (../../../shared/API.md), over one client (./client.js). */
const PAGE = 20
const enc = encodeURIComponent

export function createApi(client) {
  return {
    client,
    auth: {
      register: (body) => client.post('/api/v1/auth/register', body),
      login: (body) => client.post('/api/v1/auth/login', body),
      logout: (refreshToken) => client.post('/api/v1/auth/logout', { refreshToken }),
      wechatLogin: (code) => client.post('/api/v1/auth/wechat/login', { code }),
      wechatRegister: (body) => client.post('/api/v1/auth/wechat/register', body),
      wechatBind: (registrationTicket) => client.post('/api/v1/auth/wechat/bind', { registrationTicket }),
    },
    users: {
      me: () => client.get('/api/v1/users/me'),
      updateMe: (body) => client.patch('/api/v1/users/me', body),
      profile: (uid) => client.get(`/api/v1/users/${uid}`),
      follow: (uid) => client.put(`/api/v1/users/${uid}/follow`),
      unfollow: (uid) => client.delete(`/api/v1/users/${uid}/follow`),
      videos: (uid, cursor) => client.get(`/api/v1/users/${uid}/videos`, { cursor, size: PAGE }),
      uploadAvatar: (filePath) => client.upload('/api/v1/users/me/avatar', { filePath, name: 'file' }),
    },
    videos: {
      get: (bvid) => client.get(`/api/v1/videos/${bvid}`),
      create: (draft) => client.post('/api/v1/videos', draft),
      partitions: () => client.get('/api/v1/partitions'),
      latest: (partition, cursor) => client.get('/api/v1/videos', { partition, sort: 'new', cursor, size: PAGE }),
    },
    feed: {
      recommend: (cursor) => client.get('/api/v1/feed/recommend', { cursor, size: PAGE }),
      hot: (partition, cursor) => client.get('/api/v1/feed/hot', { partition, cursor, size: PAGE }),
      partition: (slug, cursor) => client.get(`/api/v1/feed/partition/${enc(slug)}`, { cursor, size: PAGE }),
      related: (bvid) => client.get(`/api/v1/videos/${bvid}/related`, { size: 20 }),
      channels: () => client.get('/api/v1/channels'),
      channel: (name) => client.get(`/api/v1/channels/${enc(name)}`),
      channelVideos: (name, cursor) => client.get(`/api/v1/channels/${enc(name)}/videos`, { cursor, size: PAGE }),
      subscribe: (name) => client.put(`/api/v1/channels/${enc(name)}/subscription`),
      unsubscribe: (name) => client.delete(`/api/v1/channels/${enc(name)}/subscription`),
    },
    interaction: {
      relation: (bvid) => client.get(`/api/v1/videos/${bvid}/relation`),
      like: (bvid) => client.put(`/api/v1/videos/${bvid}/like`),
      unlike: (bvid) => client.delete(`/api/v1/videos/${bvid}/like`),
      coin: (bvid, count) => client.post(`/api/v1/videos/${bvid}/coins`, { count }),
      favorite: (bvid, folderIds) => client.put(`/api/v1/videos/${bvid}/favorite`, { folderIds }),
      triple: (bvid) => client.post(`/api/v1/videos/${bvid}/triple`),
      share: (bvid) => client.post(`/api/v1/videos/${bvid}/share`),
      heartbeat: (bvid, progressMs) => client.post(`/api/v1/videos/${bvid}/heartbeat`, { progressMs }),
      comments: (bvid, cursor) => client.get(`/api/v1/videos/${bvid}/comments`, { sort: 'hot', cursor, size: PAGE }),
      replies: (id, cursor) => client.get(`/api/v1/comments/${id}/replies`, { cursor, size: 10 }),
      comment: (bvid, content, parentId) => client.post(`/api/v1/videos/${bvid}/comments`, { content, parentId }),
      danmaku: (bvid, segment) => client.get(`/api/v1/videos/${bvid}/danmaku`, { segment }),
      sendDanmaku: (bvid, draft) => client.post(`/api/v1/videos/${bvid}/danmaku`, draft),
      history: (cursor) => client.get('/api/v1/me/history', { cursor, size: PAGE }),
      folders: (bvid) => client.get('/api/v1/me/favorites/folders', { bvid }),
      folderVideos: (id, cursor) => client.get(`/api/v1/favorites/folders/${id}/videos`, { cursor, size: PAGE }),
    },
    dynamics: {
      feed: (cursor) => client.get('/api/v1/dynamics', { cursor, size: PAGE }),
    },
  }
}
