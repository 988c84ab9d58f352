// Keeps the project picker within the limit: counts what is ticked and stops at what may still be linked.
;(() => {
  'use strict'
  const full = new WeakSet()

  function update(form) {
    const capacity = Number(form.dataset.capacity)
    const boxes = [...form.querySelectorAll('input[data-picker-box]')]
    const ticked = new Set(boxes.filter((box) => box.checked).map((box) => box.value)).size
    for (const count of form.querySelectorAll('[data-picker-count]')) count.textContent = String(ticked)
    const reached = ticked >= capacity
    for (const box of boxes) if (!box.checked) box.disabled = reached
    if (reached && !full.has(form)) {
      const region = document.getElementById('live-region')
      if (region) region.textContent = `${ticked} selected: no more projects can be linked to this portfolio.`
    }
    if (reached) full.add(form)
    else full.delete(form)
  }

  document.addEventListener('change', (event) => {
    if (event.target.matches?.('input[data-picker-box]')) update(event.target.form)
  })
  document.addEventListener('live:updated', (event) => {
    if (event.target.matches('form[data-project-picker]')) update(event.target)
  })
  for (const form of document.querySelectorAll('form[data-project-picker]')) update(form)
})()
