// Search-as-you-type: forms marked data-live-search fetch their server-rendered results while you type.
;(() => {
  'use strict'
  const timers = new WeakMap()
  const requests = new WeakMap()

  const announce = (text) => {
    const region = document.getElementById('live-region')
    if (!region) return
    region.textContent = ''
    setTimeout(() => (region.textContent = text), 30)
  }

  async function refresh(form, extra = {}, address = null) {
    const target = document.getElementById(form.dataset.liveTarget)
    if (!target) return
    requests.get(form)?.abort()
    const controller = new AbortController()
    requests.set(form, controller)
    const data = new FormData(form)
    data.set('intent', 'search')
    for (const [name, value] of Object.entries(extra)) data.set(name, value)
    let url = address ?? form.dataset.liveSearch
    // Accept: text/html, so that a failure comes back as a readable fragment rather than JSON.
    const init = { signal: controller.signal, credentials: 'same-origin', headers: { Accept: 'text/html' } }
    if (form.method.toLowerCase() === 'post') {
      init.method = 'POST'
      init.body = data
    } else if (!address) {
      const params = new URLSearchParams()
      for (const [name, value] of data) if (typeof value === 'string' && name !== 'intent') params.append(name, value)
      url += (url.includes('?') ? '&' : '?') + params
    }
    target.setAttribute('aria-busy', 'true')
    form.classList.add('is-searching')
    try {
      const response = await fetch(url, init)
      target.innerHTML = await response.text()
      announce(target.querySelector('.search-summary')?.textContent?.trim() || 'Results updated.')
      form.dispatchEvent(new CustomEvent('live:updated', { bubbles: true }))
    } catch (error) {
      if (error.name === 'AbortError') return
      target.innerHTML = '<div class="alert alert-error" role="alert"><p>Searching failed. Check your connection and try again.</p></div>'
    } finally {
      if (requests.get(form) === controller) {
        target.removeAttribute('aria-busy')
        form.classList.remove('is-searching')
      }
    }
  }

  document.addEventListener('input', (event) => {
    const form = event.target.closest?.('form[data-live-search]')
    if (!form || !event.target.matches('input[type=search]')) return
    clearTimeout(timers.get(form))
    timers.set(form, setTimeout(() => refresh(form), 250))
  })

  document.addEventListener('change', (event) => {
    const form = event.target.closest?.('form[data-live-search]')
    if (form && event.target.matches('select')) refresh(form)
  })

  document.addEventListener('submit', (event) => {
    const form = event.target
    if (!form.matches('form[data-live-search]')) return
    const submitter = event.submitter
    if (submitter && submitter.name === 'intent' && submitter.value === 'save') return
    event.preventDefault()
    clearTimeout(timers.get(form))
    refresh(form, submitter && submitter.name === 'startAt' ? { startAt: submitter.value } : {})
  })

  // "More results" inside results: fetch the next page into the same place.
  document.addEventListener('click', (event) => {
    const more = event.target.closest?.('a[data-live-more]')
    const target = more?.closest('[id]')
    const form = target && document.querySelector(`form[data-live-target="${target.id}"]`)
    if (!form) return
    event.preventDefault()
    const base = form.dataset.liveSearch.split('?')[0]
    refresh(form, {}, base + new URL(more.href).search)
  })

  // Pickers in dialogs load their first results when opened, not with every page view.
  document.addEventListener('dialog:open', (event) => {
    const form = event.target.querySelector('form[data-live-search][data-autoload]')
    if (form && !form.dataset.loaded) {
      form.dataset.loaded = 'true'
      refresh(form)
    }
  })
})()
