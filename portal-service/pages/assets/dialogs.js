// Opens <dialog>s from their triggers (links that otherwise go to a confirmation page) and gives focus back on close.
;(() => {
  'use strict'
  const openers = new WeakMap()

  // A trigger inside a closed menu is hidden: focus the menu's button instead.
  const focusTarget = (opener) => opener.closest('details:not([open])')?.querySelector('summary') ?? opener

  document.addEventListener('click', (event) => {
    const trigger = event.target.closest?.('[data-dialog]')
    if (trigger) {
      const dialog = document.getElementById(trigger.dataset.dialog)
      if (!(dialog instanceof HTMLDialogElement) || typeof dialog.showModal !== 'function') return
      event.preventDefault()
      trigger.closest('details[open]')?.removeAttribute('open')
      openers.set(dialog, trigger)
      dialog.showModal()
      dialog.dispatchEvent(new CustomEvent('dialog:open', { bubbles: true }))
      return
    }
    const closer = event.target.closest?.('[data-close-dialog]')
    const dialog = closer?.closest('dialog')
    if (closer && dialog) {
      event.preventDefault()
      dialog.close()
      return
    }
    // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
    if (event.target instanceof HTMLDialogElement && event.target.open) {
      const box = event.target.getBoundingClientRect()
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom
      if (!inside && event.clientX !== 0) event.target.close()
    }
  })

  // `close` does not bubble; listen while it travels down.
  document.addEventListener(
    'close',
    (event) => {
      const opener = openers.get(event.target)
      if (opener && opener.isConnected) focusTarget(opener).focus()
    },
    true,
  )
})()
