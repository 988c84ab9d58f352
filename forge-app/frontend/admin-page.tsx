/** @jsxImportSource react */
// The Jira admin page (UI Kit, `render: native`): the allow-list, the web trigger URL and the portal secret.
import { StrictMode, useEffect, useState } from 'react'
import { Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react'
import type { AllowList } from '../storage/allow-list.js'
import { callAdmin } from './admin-api.js'
import { ForgeReconciler } from './forge-reconciler.js'
import { ProjectPicker } from './project-picker.js'
import { SecretPanel } from './secret-panel.js'
import { WebTriggerUrl } from './web-trigger-url.js'

function AdminPage() {
  const [allowList, setAllowList] = useState<AllowList | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void callAdmin('getAllowList').then((answer) => {
      if (answer.ok) setAllowList(answer.data)
      else setError(answer.error.message)
    })
  }, [])

  return (
    <Stack space="space.300">
      <Heading size="large">Portfolio Bridge</Heading>
      <Text>
        Portfolio Bridge shows the progress of Jira epics in a portfolio portal. It only reads from Jira, and only from the
        projects you choose here.
      </Text>
      {error ? <SectionMessage appearance="error">{error}</SectionMessage> : null}
      {allowList ? (
        <ProjectPicker initial={allowList} onSaved={setAllowList} />
      ) : error ? null : (
        <Spinner label="Loading the allow-list" />
      )}
      <WebTriggerUrl />
      <SecretPanel />
    </Stack>
  )
}

ForgeReconciler.render(
  <StrictMode>
    <AdminPage />
  </StrictMode>,
)
