/** @jsxImportSource react */
// Shows the URL the portal must call: the web trigger of this installation.
import { useEffect, useState } from 'react'
import { CodeBlock, Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react'
import { callAdmin } from './admin-api.js'

export function WebTriggerUrl() {
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void callAdmin('getWebTriggerUrl').then((answer) => {
      if (answer.ok) setUrl(answer.data.url)
      else setError(answer.error.message)
    })
  }, [])

  return (
    <Stack space="space.100">
      <Heading size="small">Web trigger URL</Heading>
      <Text>
        Paste this URL into the portal: a portfolio's Jira connection, mode “Forge app”, field “Web trigger URL”.
        Anyone can call it, but only requests signed with the portal secret get an answer.
      </Text>
      {error ? <SectionMessage appearance="error">{error}</SectionMessage> : null}
      {url ? <CodeBlock text={url} language="text" /> : error ? null : <Spinner label="Loading the web trigger URL" />}
    </Stack>
  )
}
