// "Copy" buttons beside values a Jira admin must paste elsewhere (webhook URL, secret, JQL); without JavaScript the text stays selectable.
;(() => {
  'use strict'
  document.addEventListener('click', async (event) => {
    const button = event.target.closest?.('[data-copy]')
    if (!button) return
    const source = document.getElementById(button.dataset.copy)
    const live = document.getElementById('live-region')
    if (!source || !navigator.clipboard) return
    try {
      await navigator.clipboard.writeText(source.textContent.trim())
      if (live) live.textContent = `${button.dataset.copyLabel ?? 'Value'} copied.`
    } catch {
      if (live) live.textContent = 'Could not copy: select the text and copy it.'
    }
  })
  // Shown only where they can work.
  if (navigator.clipboard) for (const button of document.querySelectorAll('[data-copy]')) button.hidden = false
})()
