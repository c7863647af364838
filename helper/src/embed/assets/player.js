// The embeddable player: HLS through hls.js (or the browser's own HLS), and the video's danmaku flying over it,
// loaded in the platform's 6-minute segments as playback reaches them. The switch hides them (remembered).
;(function () {
  'use strict'
  const root = document.getElementById('player')
  if (!root) return
  const video = document.getElementById('video')
  const layer = document.getElementById('danmaku-layer')
  const toggle = document.getElementById('danmaku-toggle')
  const bvid = root.getAttribute('data-bvid')
  const playUrl = root.getAttribute('data-play-url')
  const SEGMENT_MS = 6 * 60 * 1000
  const FLY_MS = 8000
  const LANES = 10
  const STORAGE_KEY = 'openbili.embed.danmaku'

  if (window.Hls && window.Hls.isSupported()) {
    const hls = new window.Hls()
    hls.loadSource(playUrl)
    hls.attachMedia(video)
  } else {
    video.src = playUrl
  }

  let on = readSwitch()
  showSwitch()
  toggle.addEventListener('click', function () {
    on = !on
    try {
      localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
    } catch {
      // storage may be refused in a third-party frame; the switch still works for this visit
    }
    showSwitch()
  })

  function readSwitch() {
    try {
      return localStorage.getItem(STORAGE_KEY) !== 'off'
    } catch {
      return true
    }
  }

  function showSwitch() {
    toggle.setAttribute('aria-pressed', String(on))
    toggle.title = on ? '关闭弹幕' : '开启弹幕'
    layer.classList.toggle('off', !on)
    if (!on) layer.textContent = ''
  }

  const segments = {}
  let shownUpTo = 0
  let lane = 0

  function load(segment) {
    if (segments[segment]) return
    segments[segment] = []
    fetch('/api/v1/videos/' + encodeURIComponent(bvid) + '/danmaku?segment=' + segment, { credentials: 'omit' })
      .then(function (response) {
        return response.ok ? response.json() : []
      })
      .then(function (items) {
        segments[segment] = Array.isArray(items) ? items : []
      })
      .catch(function () {
        delete segments[segment]
      })
  }

  function fly(item) {
    const element = document.createElement('span')
    element.className = 'danmaku' + (item.mode === 'top' || item.mode === 'bottom' ? ' fixed' : '')
    element.textContent = item.content
    element.style.color = /^#[0-9a-fA-F]{6}$/.test(item.color) ? item.color : '#ffffff'
    element.style.fontSize = (item.size || 25) + 'px'
    const height = layer.clientHeight || 300
    if (item.mode === 'bottom') element.style.bottom = '8px'
    else element.style.top = (lane++ % LANES) * (height / LANES) + 'px'
    layer.appendChild(element)
    if (item.mode === 'top' || item.mode === 'bottom') {
      setTimeout(function () {
        element.remove()
      }, 4000)
      return
    }
    const distance = layer.clientWidth + element.offsetWidth
    const animation = element.animate([{ transform: 'translateX(0)' }, { transform: 'translateX(-' + distance + 'px)' }], {
      duration: FLY_MS,
      easing: 'linear',
    })
    animation.onfinish = function () {
      element.remove()
    }
  }

  video.addEventListener('timeupdate', function () {
    const now = video.currentTime * 1000
    const segment = Math.floor(now / SEGMENT_MS) + 1
    load(segment)
    if (now % SEGMENT_MS > SEGMENT_MS - 30000) load(segment + 1)
    if (on && now > shownUpTo && now - shownUpTo < 2000) {
      ;(segments[segment] || []).forEach(function (item) {
        if (item.progressMs > shownUpTo && item.progressMs <= now) fly(item)
      })
    }
    shownUpTo = now
  })
  video.addEventListener('seeked', function () {
    shownUpTo = video.currentTime * 1000
    layer.textContent = ''
  })
  video.addEventListener('play', function () {
    root.classList.remove('paused')
  })
  video.addEventListener('pause', function () {
    root.classList.add('paused')
  })
  root.classList.add('paused')
  load(1)
})()
