import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia } from 'pinia'
import type { Comment, Dynamic, NotificationEntry, VideoHit } from '@/api'
import { i18n } from '@/i18n'
import DynamicCard from '@/modules/dynamics/components/DynamicCard.vue'
import NotificationItem from '@/modules/message/components/NotificationItem.vue'
import SearchResultCard from '@/modules/search/components/SearchResultCard.vue'
import CommentItem from '@/modules/video/comments/CommentItem.vue'

// What people write is shown as they wrote it: markup in it never becomes elements on the page.
const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
const global = { plugins: [createPinia(), i18n], stubs: { RouterLink: RouterLinkStub } }

describe('user text on the page', () => {
  it('shows a comment with markup in it as text', () => {
    const comment: Comment = {
      id: '1',
      bvid: 'BV1xx',
      rootId: null,
      parentId: null,
      author: { uid: '2', nickname: '<b>昵称</b>', avatarUrl: '' },
      replyTo: null,
      content: `第一行\n${hostile}`,
      likes: 0,
      liked: false,
      replyCount: 0,
      deleted: false,
      createdAt: new Date().toISOString(),
      replies: [],
    }
    const wrapper = mount(CommentItem, { props: { comment, videoOwnerUid: '9' }, global })
    const content = wrapper.get('[data-test="comment-content"]')
    expect(content.text()).toContain(hostile)
    expect(wrapper.find('img[src="x"]').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.text()).toContain('<b>昵称</b>')
  })

  it('marks matched words of a search result but keeps everything else text', () => {
    const hit: VideoHit = {
      bvid: 'BV1xx',
      title: '<img src=x onerror="alert(1)"> 动漫',
      titleHighlight: '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <em>动漫</em>',
      coverUrl: null,
      durationMs: 1000,
      partition: 'anime',
      ownerUid: '2',
      views: 0,
      publishedAt: null,
    }
    const wrapper = mount(SearchResultCard, { props: { hit }, global })
    const title = wrapper.get('[data-test="search-result-title"]')
    expect(title.find('em.keyword').text()).toBe('动漫')
    expect(title.find('img').exists()).toBe(false)
    expect(title.text()).toContain('<img src=x onerror="alert(1)">')
  })

  it('shows a reply in the message centre, and who wrote it, as text', () => {
    const entry: NotificationEntry = {
      id: '1',
      type: 'reply',
      kind: 'reply',
      actors: [{ uid: '2', nickname: '<b>昵称</b>', avatarUrl: '' }],
      actorCount: 1,
      target: { type: 'comment', bvid: 'BV1xx', title: '<i>标题</i>', coverUrl: null, commentId: '5', rootId: '4' },
      content: hostile,
      amount: null,
      read: false,
      latestAt: new Date().toISOString(),
      createdAt: new Date().toISOString(),
    }
    const wrapper = mount(NotificationItem, { props: { entry }, global })
    expect(wrapper.get('[data-test="notification-content"]').text()).toContain(hostile)
    expect(wrapper.find('img[src="x"]').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.find('i').exists()).toBe(false)
    expect(wrapper.text()).toContain('<b>昵称</b>')
    expect(wrapper.text()).toContain('回复了我的评论')
  })

  it('shows a dynamic as text', () => {
    const dynamic: Dynamic = {
      id: '1',
      author: { uid: '2', nickname: '作者', avatarUrl: '' },
      kind: 'text',
      text: hostile,
      video: null,
      createdAt: new Date().toISOString(),
    }
    const wrapper = mount(DynamicCard, { props: { dynamic }, global })
    expect(wrapper.get('[data-test="dynamic-text"]').text()).toBe(hostile)
    expect(wrapper.find('img[src="x"]').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
  })
})
