import { describe, expect, it } from 'vitest'
import { highlightSegments } from './highlight'

describe('highlightSegments', () => {
  it('marks the matched words of a highlighted title', () => {
    expect(highlightSegments('日本<em>动漫</em>解说')).toEqual([
      { text: '日本', hit: false },
      { text: '动漫', hit: true },
      { text: '解说', hit: false },
    ])
  })

  it('keeps markup written by the uploader as plain text', () => {
    const segments = highlightSegments('&lt;script&gt;alert(1)&lt;/script&gt; <em class="keyword">Vue</em> &amp; 我')
    expect(segments).toEqual([
      { text: '<script>alert(1)</script> ', hit: false },
      { text: 'Vue', hit: true },
      { text: ' & 我', hit: false },
    ])
  })

  it('reads numeric entities and leaves unknown ones as they are', () => {
    expect(highlightSegments('&#39;A&#x27; &nope;')).toEqual([{ text: "'A' &nope;", hit: false }])
  })
})
