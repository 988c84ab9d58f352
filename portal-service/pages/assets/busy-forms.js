// Progress while a form is sent (checking with Jira, saving, syncing): the button says so and cannot be pressed twice.
;(() => {
  'use strict'
  const announce = (text) => {
    const region = document.getElementById('live-region')
    if (region) region.textContent = text
  }

  document.addEventListener('submit', (event) => {
    const form = event.target
    const button = event.submitter ?? form.querySelector('button[type=submit]')
    if (!button || !button.dataset.busy) return
    // After the other handlers: search-as-you-type may have taken this submit over. Disabling
    // now, once the browser has read the form, keeps the button's own name and value in it.
    setTimeout(() => {
      if (event.defaultPrevented) return
      button.dataset.label = button.textContent
      button.textContent = button.dataset.busy
      button.classList.add('is-busy')
      button.setAttribute('aria-busy', 'true')
      button.disabled = true
      announce(button.dataset.busy)
    })
  })

  // Coming back with the Back button shows the page as it was left: undo the busy state.
  window.addEventListener('pageshow', () => {
    for (const button of document.querySelectorAll('button.is-busy')) {
      button.textContent = button.dataset.label ?? button.textContent
      button.classList.remove('is-busy')
      button.removeAttribute('aria-busy')
      button.disabled = false
    }
  })
})()
