// The ellipsis (...) menus: <details> that also close on Escape or a click elsewhere, returning focus.
;(() => {
  'use strict'
  document.addEventListener('click', (event) => {
    for (const menu of document.querySelectorAll('details.menu[open]')) {
      if (!menu.contains(event.target)) menu.removeAttribute('open')
    }
  })
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    const menu = event.target.closest?.('details.menu[open]')
    if (!menu) return
    menu.removeAttribute('open')
    menu.querySelector('summary')?.focus()
  })
})()
